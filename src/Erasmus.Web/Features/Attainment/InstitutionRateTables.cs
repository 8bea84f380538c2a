using Erasmus.Domain.Attainment;
using Erasmus.Domain.Population;
using Erasmus.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Attainment;

/// <summary>One institution's row: its name, county, participants, employees or students, rate and rank among the institutions.</summary>
public sealed record InstitutionRateRow(int InstitutionId, string Name, string CountyNumber, decimal Participants, decimal Population, decimal? RatePer1000, int? Rank);

/// <summary>
/// A higher-education target's rates per institution for a view: every institution with a figure of the
/// view's population year (ranked among them all), in a county view those of the county; the rate of all
/// institutions with figures together; whether the figures are demo figures.
/// </summary>
public sealed record InstitutionRateTable(string TargetCode, int Year, IReadOnlyList<InstitutionRateRow> Rows, decimal? AllRatePer1000, bool IsDemo)
{
    public const string ViewDataKey = "InstitutionRates";
}

/// <summary>
/// Builds <see cref="InstitutionRateTable"/>s. An institution's participants are those its own projects count
/// in the target (the project's coordinator: the same project whose county the counties' figures count them
/// under), from the target's counted projects; its population its own rows, never the county's.
/// </summary>
public sealed class InstitutionRateTables(AttainmentCache cache, ErasmusDbContext db)
{
    /// <summary>What a table is computed from: the target's figures on the view's basis, the population figures and the organisations' names.</summary>
    private static string[] Tables(CountingBasis basis) =>
        [.. AttainmentCache.ProjectTables, .. AttainmentCache.MobilityTables(basis), .. AttainmentCache.TargetTables, "population_figures"];

    /// <summary>Whether a target's denominator is loaded per institution (the higher-education targets).</summary>
    public static bool HasInstitutions(string targetCode) =>
        PopulationGroup.DenominatorOf(targetCode) is { Count: > 0 } groups && groups.All(g => g.PerInstitution);

    /// <summary>
    /// The table of a target for the view's parameters; <paramref name="national"/> is the target's national
    /// result with its counted projects, when the caller has it. Null for a target without institutions,
    /// outside the sector chosen, or while no institution has a figure.
    /// </summary>
    public async Task<InstitutionRateTable?> BuildAsync(string targetCode, AttainmentParameters parameters, TargetResult? national, CancellationToken cancellationToken)
    {
        if (!HasInstitutions(targetCode))
        {
            return null;
        }

        // Kept until one of its tables is written: every county dashboard and API call asks for it, and it
        // reads the coordinators of every counted project. A write computes it again on the next request.
        var versions = await cache.VersionsAsync(db, cancellationToken);
        var built = await cache.ReadAsync(versions, new TableKey(targetCode, parameters), Tables(parameters.Basis),
            async scoped => new Built(await BuildNowAsync(targetCode, parameters, national, scoped.GetRequiredService<AttainmentService>(),
                scoped.GetRequiredService<ErasmusDbContext>(), CancellationToken.None)),
            b => 512 + ((b.Table?.Rows.Count ?? 0) * 160L), cancellationToken);
        return built.Table;
    }

    private sealed record TableKey(string TargetCode, AttainmentParameters Parameters);

    private sealed record Built(InstitutionRateTable? Table);

    private static async Task<InstitutionRateTable?> BuildNowAsync(string targetCode, AttainmentParameters parameters, TargetResult? national,
        AttainmentService attainment, ErasmusDbContext scopedDb, CancellationToken cancellationToken)
    {
        var whole = parameters with { County = null };
        // The year the county rates use, so both speak of one year.
        if (await attainment.PopulationYearAsync(parameters, cancellationToken) is not { } year)
        {
            return null;
        }

        var shown = (await attainment.CountiesAsync(whole, cancellationToken)).Where(c => !c.Dissolved).Select(c => c.Number).ToList();
        var rows = await scopedDb.PopulationFigures.AsNoTracking()
            .Where(f => f.Year == year && f.InstitutionId != null && shown.Contains(f.CountyNumber))
            .Select(f => new { Entry = new PopulationEntry(f.CountyNumber, f.GroupCode, f.InstitutionId, f.Value), f.IsDemo })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        var result = national ?? (await attainment.ComputeTargetAsync(targetCode, whole, cancellationToken))?.Result;
        if (result is null || !result.Applicable)
        {
            return null;
        }

        var projects = result.CountedItems.Where(i => i.Item.Kind == "project").ToList();
        var projectIds = projects.Select(i => i.Item.Id).Distinct().ToList();
        var coordinators = await scopedDb.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id))
            .Select(p => new { p.Id, p.CoordinatorId }).ToDictionaryAsync(p => p.Id, p => p.CoordinatorId, cancellationToken);
        var participants = projects.Where(i => coordinators.ContainsKey(i.Item.Id))
            .GroupBy(i => coordinators[i.Item.Id])
            .ToDictionary(g => g.Key, g => g.Sum(i => i.Numerator));
        var rates = InstitutionRates.Of(targetCode, rows.Select(r => r.Entry), participants);
        if (rates is null)
        {
            return null;
        }

        var ids = rates.Institutions.Select(i => i.InstitutionId).ToList();
        var names = await scopedDb.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var shownRows = rates.Institutions
            .Where(i => parameters.County is null || i.CountyNumber == parameters.County)
            .Select(i => new InstitutionRateRow(i.InstitutionId, names.GetValueOrDefault(i.InstitutionId) ?? "", i.CountyNumber, i.Participants, i.Population, i.RatePer1000, i.Rank))
            .ToList();
        return new InstitutionRateTable(targetCode, year, shownRows, rates.AllRatePer1000, rows.Any(r => r.IsDemo));
    }

    /// <summary>The tables of every higher-education target of a result (for the API), keyed by target code.</summary>
    public async Task<IReadOnlyDictionary<string, InstitutionRateTable>> AllAsync(AttainmentResult result, CancellationToken cancellationToken)
    {
        var tables = new Dictionary<string, InstitutionRateTable>(StringComparer.Ordinal);
        foreach (var target in result.Targets.Where(t => t.Applicable && HasInstitutions(t.Target.Code)))
        {
            if (await BuildAsync(target.Target.Code, result.Parameters, null, cancellationToken) is { } table)
            {
                tables[target.Target.Code] = table;
            }
        }

        return tables;
    }
}
