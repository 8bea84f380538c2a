using System.Text.Json;
using System.Text.Json.Serialization;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;

namespace Erasmus.Web.Features.Snapshots;

/// <summary>
/// A computation frozen under a name («Status per september 2021»): its parameters and every
/// target's figures, stored as computed and never recomputed. Who froze it and when are the audit
/// stamps; the as-of date is also a column of its own so lists sort and filter by it in SQL.
/// </summary>
public sealed class Snapshot : AuditableEntity
{
    public const int NameMaxLength = 200;

    private Snapshot()
    {
        Name = "";
        Parameters = "{}";
        Results = "[]";
    }

    public Snapshot(string name, SnapshotParameters parameters, IEnumerable<SnapshotFigures> results)
        : this()
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > NameMaxLength)
        {
            throw new DomainException(new Domain.Rules.RuleViolation(nameof(Name), "Navnet må fylles ut og kan ha høyst 200 tegn."));
        }

        DomainException.ThrowIfAny(Domain.Rules.PlainText.Validate(name, nameof(Name)),
            Domain.Rules.Plausible.Date(parameters.AsOf, nameof(AsOf), "Datoen tallene gjelder for"));

        Name = name.Trim();
        AsOf = parameters.AsOf;
        Parameters = JsonSerializer.Serialize(parameters, SnapshotJson.Options);
        Results = JsonSerializer.Serialize(results.ToList(), SnapshotJson.Options);
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public DateOnly AsOf { get; private set; }

    /// <summary>The parameters as JSON (jsonb): as-of date, basis, county structure, county, sector.</summary>
    public string Parameters { get; private set; }

    /// <summary>Every target's figures as JSON (jsonb), in the dashboard's order.</summary>
    public string Results { get; private set; }

    public SnapshotParameters ReadParameters() =>
        JsonSerializer.Deserialize<SnapshotParameters>(Parameters, SnapshotJson.Options) ?? throw new InvalidOperationException($"Snapshot {Id} has no parameters.");

    public IReadOnlyList<SnapshotFigures> ReadResults() =>
        JsonSerializer.Deserialize<List<SnapshotFigures>>(Results, SnapshotJson.Options) ?? [];
}

/// <summary>The dashboard's parameters as frozen, in the API's vocabulary.</summary>
public sealed record SnapshotParameters(DateOnly AsOf, CountingBasis Basis, CountyStructureChoice Structure, string? County, Sector? Sector)
{
    public static SnapshotParameters From(AttainmentParameters p) => new(p.AsOf, p.Basis, p.Structure, p.County, p.Sector);

    public AttainmentParameters ToAttainment() => new(AsOf, Basis, Structure, County, Sector);

    /// <summary>The dashboard's query string for the same parameters.</summary>
    public string Query => $"AsOf={Shared.Format.Iso(AsOf)}&Basis={Basis.ToString().ToLowerInvariant()}"
        + $"&Structure={(Structure == CountyStructureChoice.Today ? "today" : "asof")}&County={County}&Sector={Sector}";
}

/// <summary>One target's figures as the dashboard computed them: everything a reader of the snapshot needs, nothing recomputed.</summary>
public sealed record SnapshotFigures(
    string Code,
    TargetArea Area,
    string TitleNb,
    TargetUnit Unit,
    decimal TargetValue,
    decimal Value,
    decimal? Numerator,
    decimal? Denominator,
    decimal? PercentOfTarget,
    decimal ExpectedByNow,
    AttainmentStatus? Status,
    decimal? ProjectedAt2027,
    bool? WillBeMet,
    decimal? RequiredYearlyPace,
    string? TitleEn = null)
{
    [JsonIgnore]
    public bool IsShare => Unit == TargetUnit.Percent;

    /// <summary>The title in the page's language (snapshots saved before English titles were kept show bokmål).</summary>
    [JsonIgnore]
    public string Title => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" && !string.IsNullOrWhiteSpace(TitleEn) ? TitleEn : TitleNb;

    public static SnapshotFigures From(TargetResult t) => new(t.Target.Code, t.Target.Area, t.Target.TitleNb, t.Target.Unit, t.TargetValue, t.Value,
        t.Numerator, t.Denominator, t.PercentOfTarget, t.ExpectedByNow, t.Status, t.ProjectedAt2027, t.WillBeMet, t.RequiredYearlyPace, t.Target.TitleEn);
}

public static class SnapshotJson
{
    /// <summary>camelCase names and enums by name (as the tables store them), so analysts can read the jsonb by hand.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
