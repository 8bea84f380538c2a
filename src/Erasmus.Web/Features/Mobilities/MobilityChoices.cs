using System.Globalization;
using System.Security.Claims;
using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Mobilities;

/// <summary>What the mobility form offers to choose from; computed for the project and the user, never posted.</summary>
/// <param name="Organisations">The sending and receiving organisations for the pickers, grouped by country (Norway first).</param>
public sealed record MobilityOptions(IReadOnlyList<FieldOption> ActivityTypes, OfferedOrganisations Organisations, IReadOnlyList<FieldOption> Countries)
{
    public IReadOnlyList<OrganisationOptionGroup> OrganisationGroups => Organisations.Groups;

    /// <summary>Whether the form offers the organisation, for checking what was posted.</summary>
    public bool Offers(int organisationId) => Organisations.Contains(organisationId);
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
        var organisations = await directory.ReadAsync(cancellationToken);
        var countries = organisations.Countries;
        if (user.IsInRole(Roles.Analyst))
        {
            return new MobilityOptions(activityTypes, organisations.All, countries);
        }

        // A county dissolved in 2024 (Viken) stands behind its successors: its organisations belong to their scope.
        var scopeCounties = projectScope.CountyNumbers.ToArray();
        var predecessors = await db.Counties.Where(c => scopeCounties.Contains(c.Number)).Select(c => c.PartOf2020CountyNumber).ToListAsync(cancellationToken);
        return new MobilityOptions(activityTypes,
            organisations.ForCounties(scopeCounties.Concat(predecessors).OfType<string>(), savedOrganisationIds.Select(id => (int?)id)), countries);
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
