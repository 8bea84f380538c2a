using System.Security.Claims;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Organisations;

public sealed class OrganisationListQuery : ListQuery
{
    public string? County { get; set; }

    public OrganisationType? Type { get; set; }

    /// <summary>"NO" for Norwegian, "foreign" for the rest, empty for all.</summary>
    public string? Origin { get; set; }
}

public sealed record OrganisationRow(int Id, string Name, OrganisationType Type, string CountryCode, string? OrganisationNumber, string? Oid, string? CountyName, int ProjectCount);

public sealed record OrganisationListModel(OrganisationListQuery Query, PagedList<OrganisationRow> Rows, IReadOnlyList<FieldOption> Counties);

public sealed record OrganisationLink(int Id, string Name);

public sealed class OrganisationDetailsModel : IEditablePage
{
    public required Organisation Organisation { get; init; }
    public string? CountyName { get; init; }
    public string CountryName { get; init; } = "";
    public IReadOnlyList<(int Id, string Code, Sector Sector, AccreditationStatus Status, bool AsHolder)> Accreditations { get; init; } = [];
    public IReadOnlyList<(int Id, string Reference, ProjectAction Action, int CallYear, ProjectStatus Status, bool AsCoordinator)> Projects { get; init; } = [];
    public int SentMobilities { get; init; }
    public int ReceivedMobilities { get; init; }
    public bool CanEdit { get; set; }
}

public sealed record DeleteModel(int Id, string Name, uint Version, IReadOnlyList<string> Dependents) : IDeletePage<DeleteModel>
{
    /// <summary>Why the last confirmation did not delete (<see cref="Shared.DeleteConfirmation"/>), when it did not.</summary>
    public string? Refusal { get; init; }

    public DeleteModel WithRefusal(string? refusal) => this with { Refusal = refusal };
}

public static class OrganisationQueries
{
    public static async Task<OrganisationListModel> ListAsync(ErasmusDbContext db, OrganisationListQuery query, CancellationToken cancellationToken)
    {
        var organisations = db.Organisations.AsNoTracking();
        if (query.SearchPattern is { } pattern)
        {
            var digits = new string(query.Search!.Where(char.IsAsciiDigit).ToArray());
            organisations = organisations.Where(o => EF.Functions.ILike(o.Name, pattern, "\\")
                || (digits.Length > 0 && o.OrganisationNumber != null && o.OrganisationNumber.Contains(digits))
                || (o.Oid != null && EF.Functions.ILike(o.Oid, pattern, "\\")));
        }

        if (!string.IsNullOrEmpty(query.County))
        {
            organisations = organisations.Where(o => o.CountyNumber == query.County);
        }

        if (query.Type is { } type)
        {
            organisations = organisations.Where(o => o.Type == type);
        }

        organisations = query.Origin switch
        {
            "NO" => organisations.Where(o => o.CountryCode == Organisation.Norway),
            "foreign" => organisations.Where(o => o.CountryCode != Organisation.Norway),
            _ => organisations,
        };

        organisations = (query.Sort?.ToLowerInvariant(), query.Descending) switch
        {
            ("type", false) => organisations.OrderBy(o => o.Type).ThenBy(o => o.Name),
            ("type", true) => organisations.OrderByDescending(o => o.Type).ThenBy(o => o.Name),
            ("country", false) => organisations.OrderBy(o => o.CountryCode).ThenBy(o => o.Name),
            ("country", true) => organisations.OrderByDescending(o => o.CountryCode).ThenBy(o => o.Name),
            ("county", false) => organisations.OrderBy(o => o.CountyNumber).ThenBy(o => o.Name),
            ("county", true) => organisations.OrderByDescending(o => o.CountyNumber).ThenBy(o => o.Name),
            (_, true) => organisations.OrderByDescending(o => o.Name).ThenBy(o => o.Id),
            _ => organisations.OrderBy(o => o.Name).ThenBy(o => o.Id),
        };

        var rows = organisations.Select(o => new OrganisationRow(
            o.Id, o.Name, o.Type, o.CountryCode, o.OrganisationNumber, o.Oid,
            db.Counties.Where(c => c.Number == o.CountyNumber).Select(c => c.Name).FirstOrDefault(),
            db.Projects.Count(p => p.CoordinatorId == o.Id) + db.Set<ProjectPartner>().Count(p => p.OrganisationId == o.Id)));
        var page = await rows.ToPagedListAsync(query.Page, query.PageSize, cancellationToken);
        return new OrganisationListModel(query, page, await CountyOptionsAsync(db, includeDissolved: true, cancellationToken));
    }

    public static async Task<OrganisationDetailsModel?> DetailsAsync(ErasmusDbContext db, int id, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return null;
        }

        var held = await db.Accreditations.Where(a => a.HolderId == id)
            .Select(a => new { a.Id, a.Code, a.Sector, a.Status, AsHolder = true }).ToListAsync(cancellationToken);
        var member = await db.Set<AccreditationMember>().Where(m => m.OrganisationId == id)
            .Join(db.Accreditations, m => m.AccreditationId, a => a.Id, (m, a) => new { a.Id, a.Code, a.Sector, a.Status, AsHolder = false })
            .ToListAsync(cancellationToken);
        var coordinated = await db.Projects.Where(p => p.CoordinatorId == id)
            .Select(p => new { p.Id, p.Reference, p.Action, p.CallYear, p.Status, AsCoordinator = true }).ToListAsync(cancellationToken);
        var partnered = await db.Set<ProjectPartner>().Where(pp => pp.OrganisationId == id)
            .Join(db.Projects, pp => pp.ProjectId, p => p.Id, (pp, p) => new { p.Id, p.Reference, p.Action, p.CallYear, p.Status, AsCoordinator = false })
            .ToListAsync(cancellationToken);
        return new OrganisationDetailsModel
        {
            Organisation = organisation,
            CountyName = await db.Counties.Where(c => c.Number == organisation.CountyNumber).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken),
            CountryName = await db.Countries.Where(c => c.Code == organisation.CountryCode).Select(c => c.NameNb).FirstOrDefaultAsync(cancellationToken) ?? organisation.CountryCode,
            Accreditations = [.. held.Concat(member).OrderBy(a => a.Code).Select(a => (a.Id, a.Code, a.Sector, a.Status, a.AsHolder))],
            Projects = [.. coordinated.Concat(partnered).OrderByDescending(p => p.CallYear).ThenBy(p => p.Reference).Select(p => (p.Id, p.Reference, p.Action, p.CallYear, p.Status, p.AsCoordinator))],
            // As bigint: rows older than the CHECK constraints may hold counts whose sum no integer holds.
            SentMobilities = (int)Math.Min(int.MaxValue, await db.Mobilities.Where(m => m.SendingOrganisationId == id).SumAsync(m => (long?)m.ParticipantCount, cancellationToken) ?? 0),
            ReceivedMobilities = (int)Math.Min(int.MaxValue, await db.Mobilities.Where(m => m.ReceivingOrganisationId == id).SumAsync(m => (long?)m.ParticipantCount, cancellationToken) ?? 0),
        };
    }

    /// <summary>What refuses a delete: the records that point at the organisation.</summary>
    public static async Task<DeleteModel?> DeleteModelAsync(ErasmusDbContext db, int id, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.Where(o => o.Id == id).Select(o => new { o.Name, o.Version }).SingleOrDefaultAsync(cancellationToken);
        if (organisation is null)
        {
            return null;
        }

        var counts = new (int Count, string Text)[]
        {
            (await db.Projects.CountAsync(p => p.CoordinatorId == id, cancellationToken), "prosjekt(er) som koordinator"),
            (await db.Set<ProjectPartner>().CountAsync(p => p.OrganisationId == id, cancellationToken), "prosjekt(er) som partner"),
            (await db.Accreditations.CountAsync(a => a.HolderId == id, cancellationToken), "akkreditering(er) som innehaver"),
            (await db.Set<AccreditationMember>().CountAsync(m => m.OrganisationId == id, cancellationToken), "akkreditering(er) som konsortiemedlem"),
            (await db.Mobilities.CountAsync(m => m.SendingOrganisationId == id || m.ReceivingOrganisationId == id, cancellationToken), "mobilitet(er) som sender eller mottaker"),
            (await db.PopulationFigures.CountAsync(f => f.InstitutionId == id, cancellationToken), "befolkningstall som lærested"),
        };
        return new DeleteModel(id, organisation.Name, organisation.Version, [.. counts.Where(c => c.Count > 0).Select(c => $"{c.Count} {c.Text}")]);
    }

    /// <summary>The form's choices: the countries, and the counties the user may register in.</summary>
    public static async Task<OrganisationOptions> OptionsAsync(ErasmusDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken, int? existingId = null)
    {
        var countries = await db.Countries.AsNoTracking().OrderBy(c => c.Code == Organisation.Norway ? 0 : 1).ThenBy(c => c.NameNb)
            .Select(c => new FieldOption(c.Code, c.NameNb)).ToListAsync(cancellationToken);
        var counties = await CountyOptionsAsync(db, includeDissolved: true, cancellationToken);
        // A coordinator registers in their own county, never in a dissolved one (decision 8); the record's
        // saved county stays selectable. Analysts choose any county, the dissolved ones included.
        var saved = existingId is null ? null : await db.Organisations.Where(o => o.Id == existingId).Select(o => o.CountyNumber).SingleOrDefaultAsync(cancellationToken);
        return new OrganisationOptions(countries, user.IsCoordinator()
            ? [.. counties.Where(c => c.Value == user.CountyNumber() || (saved is not null && c.Value == saved))]
            : counties);
    }

    /// <summary>What depends on the organisation being Norwegian (the entity refuses to make it foreign then).</summary>
    public static async Task<OrganisationTies> TiesAsync(ErasmusDbContext db, int id, CancellationToken cancellationToken) => new(
        await db.Accreditations.CountAsync(a => a.HolderId == id, cancellationToken),
        await db.Set<AccreditationMember>().CountAsync(m => m.OrganisationId == id, cancellationToken),
        await db.Projects
            .Where(p => p.CoordinatorId == id || p.Partners.Any(pp => pp.OrganisationId == id))
            .Where(p => !(p.CoordinatorId != id && p.Coordinator!.CountryCode == Organisation.Norway))
            .CountAsync(p => !p.Partners.Any(pp => pp.OrganisationId != id && pp.Organisation!.CountryCode == Organisation.Norway), cancellationToken));

    /// <summary>
    /// The projects whose county this organisation decides: those it coordinates, and those coordinated
    /// abroad in which it is a partner. Making the organisation foreign moves them out of its county.
    /// </summary>
    public static Task<int> ProjectsInItsCountyAsync(ErasmusDbContext db, int id, CancellationToken cancellationToken) =>
        db.Projects.CountAsync(p => p.CoordinatorId == id
            || (p.Coordinator!.CountryCode != Organisation.Norway && p.Partners.Any(pp => pp.OrganisationId == id)), cancellationToken);

    public static async Task<IReadOnlyList<FieldOption>> CountyOptionsAsync(ErasmusDbContext db, bool includeDissolved, CancellationToken cancellationToken) =>
        await db.Counties.AsNoTracking()
            .Where(c => includeDissolved || c.ValidTo == null)
            .OrderBy(c => c.ValidTo != null).ThenBy(c => c.Name)
            .Select(c => new FieldOption(c.Number, c.ValidTo == null ? c.Name : c.Name + " (til 2023)"))
            .ToListAsync(cancellationToken);
}
