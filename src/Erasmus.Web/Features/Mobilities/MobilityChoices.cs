using System.Globalization;
using System.Security.Claims;
using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Mobilities;

/// <summary>What the mobility form offers to choose from; computed for the project and the user, never posted.</summary>
/// <param name="OrganisationGroups">The sending and receiving organisations for the pickers, grouped by country (Norway first).</param>
public sealed record MobilityOptions(IReadOnlyList<FieldOption> ActivityTypes, IReadOnlyList<OrganisationOptionGroup> OrganisationGroups, IReadOnlyList<FieldOption> Countries)
{
    private HashSet<int>? _offered;

    /// <summary>Whether the form offers the organisation, for checking what was posted.</summary>
    public bool Offers(int organisationId) => (_offered ??= [.. OrganisationGroups.SelectMany(g => g.Options).Select(o => o.Id)]).Contains(organisationId);
}

/// <summary>
/// The mobility form's page: the posted form (<see cref="MobilityForm"/>, only what the browser sends), the
/// project shown above it and the choices. The views bind to Form.X unprefixed, so the posted names stay the form's own.
/// </summary>
public sealed record MobilityPage(MobilityForm Form, ProjectSummary Project, MobilityOptions Choices);

/// <summary>What the mobility form offers to choose from, and the names it shows for chosen organisations.</summary>
public static class MobilityChoices
{
    /// <summary>
    /// The form's choices: activity types valid for the project's sector and call year; Norwegian
    /// organisations (a coordinator sees those of the project's counties, an analyst all) plus foreign
    /// ones; and the countries table.
    /// </summary>
    /// <param name="savedOrganisationIds">The saved record's organisations, which stay selectable even if now outside the scope.</param>
    public static async Task<MobilityOptions> OptionsAsync(ErasmusDbContext db, OrganisationDirectory directory, ProjectSummary project, ClaimsPrincipal user,
        CountyScope projectScope, IReadOnlyCollection<int> savedOrganisationIds, CancellationToken cancellationToken)
    {
        var activityTypes = await ActivityTypeOptionsAsync(db, project, cancellationToken);
        var countries = await db.Countries.AsNoTracking()
            .OrderBy(c => c.Code == Organisation.Norway ? 0 : 1).ThenBy(c => c.NameNb)
            .Select(c => new FieldOption(c.Code, c.NameNb)).ToListAsync(cancellationToken);

        var organisations = await directory.ReadAsync(cancellationToken);
        if (user.IsInRole(Roles.Analyst))
        {
            return new MobilityOptions(activityTypes, organisations.Groups, countries);
        }

        // A county dissolved in 2024 (Viken) stands behind its successors: its organisations belong to their scope.
        var scopeCounties = projectScope.CountyNumbers.ToArray();
        var predecessors = await db.Counties.Where(c => scopeCounties.Contains(c.Number)).Select(c => c.PartOf2020CountyNumber).ToListAsync(cancellationToken);
        var counties = scopeCounties.Concat(predecessors).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var saved = savedOrganisationIds.ToHashSet();
        return new MobilityOptions(activityTypes, organisations.Where(o => o.CountryCode != Organisation.Norway
            || (o.CountyNumber != null && counties.Contains(o.CountyNumber))
            || saved.Contains(o.Id)), countries);
    }

    /// <summary>The activity types the domain accepts for the project: its sector, with a duration rule for its call year.</summary>
    public static async Task<IReadOnlyList<FieldOption>> ActivityTypeOptionsAsync(ErasmusDbContext db, ProjectSummary project, CancellationToken cancellationToken)
    {
        var sector = project.Sector.ToString();
        var types = await db.ActivityTypes.AsNoTracking().Where(a => a.Sectors.Contains(sector)).OrderBy(a => a.Code).ToListAsync(cancellationToken);
        return
        [
            .. types.Select(a => (Type: a, Rule: a.RuleFor(project.CallYear)))
                .Where(x => x.Rule is not null)
                .Select(x => new FieldOption(x.Type.Code, string.Create(CultureInfo.InvariantCulture,
                    $"{x.Type.NameNb} ({x.Type.Code}, {x.Rule!.MinDays}–{x.Rule.MaxDays} dager)"))),
        ];
    }

    public static async Task<IReadOnlyDictionary<int, string>> OrganisationNamesAsync(ErasmusDbContext db, IEnumerable<int?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<int>().Distinct().ToArray();
        return await db.Organisations.AsNoTracking().Where(o => wanted.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
    }
}
