using System.Security.Claims;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Projects;

/// <summary>The checks of a project form that need the database or the user's county; the entity checks the rest.</summary>
public sealed class ProjectChecks(ErasmusDbContext db, IAuthorizationService authorization, CountyScopes scopes, ClaimsPrincipal user)
{
    /// <summary>
    /// A coordinator may only register a project in their own county, or leave one there: the county
    /// is the Norwegian coordinator's, or for a project coordinated abroad, the Norwegian partners'.
    /// </summary>
    public async Task<IReadOnlyList<RuleViolation>> CountyAsync(ProjectForm form, Project? existing, CancellationToken cancellationToken)
    {
        if (form.CoordinatorId is null
            || await authorization.CanEditAsync(user, await scopes.ForCountiesAsync(await FormCountiesAsync(form, cancellationToken), cancellationToken)))
        {
            return [];
        }

        var abroad = await db.Organisations.AnyAsync(o => o.Id == form.CoordinatorId && o.CountryCode != Organisation.Norway, cancellationToken);
        var field = abroad ? nameof(form.PartnerIds) : nameof(form.CoordinatorId);
        return [new RuleViolation(field, (existing, abroad) switch
        {
            (null, false) => "Du kan bare registrere prosjekter i ditt eget fylke: koordinatoren må være en organisasjon i fylket ditt.",
            (null, true) => "Du kan bare registrere prosjekter i ditt eget fylke: når koordinatoren er utenlandsk, må minst én norsk partner høre til fylket ditt.",
            (_, false) => "Du kan ikke flytte prosjektet ut av fylket ditt: koordinatoren må være en organisasjon i fylket ditt.",
            (_, true) => "Du kan ikke flytte prosjektet ut av fylket ditt: når koordinatoren er utenlandsk, må minst én norsk partner høre til fylket ditt.",
        })];
    }

    /// <summary>
    /// The checks that need the database: referenced records exist, the accreditation is the
    /// coordinator's, the reference's sector matches, a project coordinated abroad has a Norwegian
    /// partner, and awarded numbers only for activity types valid for the sector and call year.
    /// </summary>
    public async Task<IReadOnlyList<RuleViolation>> CheckAsync(ProjectForm form, CancellationToken cancellationToken)
    {
        List<RuleViolation> found = [.. Project.Check(form.ToDetails())];
        if (ProjectForm.ParseGrant(form.GrantEur) is null && !string.IsNullOrWhiteSpace(form.GrantEur))
        {
            found.Add(new RuleViolation(nameof(form.GrantEur), "Tilskuddet må være et tall i euro, for eksempel 60000 eller 60000,50."));
        }

        var organisationIds = form.PartnerIds.Append(form.CoordinatorId ?? 0).Distinct().ToList();
        var countries = await db.Organisations.Where(o => organisationIds.Contains(o.Id))
            .Select(o => new { o.Id, o.CountryCode }).ToDictionaryAsync(o => o.Id, o => o.CountryCode, cancellationToken);
        if (form.CoordinatorId is { } coordinatorId)
        {
            if (!countries.TryGetValue(coordinatorId, out var coordinatorCountry))
            {
                found.Add(new RuleViolation(nameof(form.CoordinatorId), "Velg en koordinator fra listen."));
            }
            else
            {
                var partners = form.PartnerIds.Where(countries.ContainsKey).Select(id => (id, countries[id])).ToList();
                found.AddRange(Project.CheckParticipants(coordinatorId, coordinatorCountry, partners, nameof(form.PartnerIds)));
            }
        }

        if (form.PartnerIds.Any(id => !countries.ContainsKey(id)))
        {
            found.Add(new RuleViolation(nameof(form.PartnerIds), "En eller flere av partnerne finnes ikke. Velg partnere fra listen."));
        }

        if (form.TopicCodes.Count > 0
            && await db.Topics.Where(t => form.TopicCodes.Contains(t.Code)).CountAsync(cancellationToken) != form.TopicCodes.Distinct(StringComparer.Ordinal).Count())
        {
            found.Add(new RuleViolation(nameof(form.TopicCodes), "Velg temaer fra listen."));
        }

        if (form.AccreditationId is { } accreditationId && form.Action == ProjectAction.KA121)
        {
            var accreditation = await db.Accreditations.Where(a => a.Id == accreditationId)
                .Select(a => new { a.HolderId, a.Sector }).SingleOrDefaultAsync(cancellationToken);
            if (accreditation is null || accreditation.HolderId != form.CoordinatorId)
            {
                found.Add(new RuleViolation(nameof(form.AccreditationId), "Akkrediteringen må tilhøre koordinatoren."));
            }
            else if (accreditation.Sector != form.Sector)
            {
                found.Add(new RuleViolation(nameof(form.AccreditationId), "Akkrediteringen må gjelde samme sektor som prosjektet."));
            }
        }

        found.AddRange(await AwardedAsync(form, cancellationToken));
        return found;
    }

    /// <summary>The project number is unique: refused with a link to the project that has it.</summary>
    public async Task<IReadOnlyList<Duplicate>> DuplicatesAsync(ProjectForm form, int? exceptId, CancellationToken cancellationToken)
    {
        var reference = form.Reference.Trim().ToUpperInvariant();
        return await db.Projects.Where(p => p.Reference == reference && p.Id != exceptId)
                .Select(p => new { p.Id, p.Reference }).FirstOrDefaultAsync(cancellationToken) is { } same
            ? [new Duplicate(new RuleViolation(nameof(form.Reference), $"Prosjektnummeret {same.Reference} er allerede registrert."), new DuplicateLink(same.Reference, $"/prosjekter/{same.Id}"))]
            : [];
    }

    /// <summary>Awarded numbers: whole numbers from 0, and nonzero only for activity types of the sector valid for the call year.</summary>
    private async Task<IReadOnlyList<RuleViolation>> AwardedAsync(ProjectForm form, CancellationToken cancellationToken)
    {
        var found = new List<RuleViolation>();
        var activities = await db.ActivityTypes.AsNoTracking().ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, cancellationToken);
        foreach (var (code, text) in form.Awarded)
        {
            var key = $"{nameof(form.Awarded)}[{code}]";
            var number = ProjectForm.ParseAwarded(text);
            if (number is null or < 0)
            {
                found.Add(new RuleViolation(key, "Antallet må være et helt tall, 0 eller mer."));
            }
            else if (Project.CheckAwarded([number.Value], key) is { } tooMany)
            {
                found.Add(tooMany);
            }
            else if (number > 0 && !activities.ContainsKey(code))
            {
                found.Add(new RuleViolation(nameof(form.Awarded), $"Aktivitetstypen {code} finnes ikke."));
            }
            else if (number > 0 && !ProjectQueries.IsValidFor(activities[code], form.Sector, form.CallYear))
            {
                found.Add(new RuleViolation(key, form.Sector is null || form.CallYear is null
                    ? $"Velg sektor og utlysningsår før du fører opp tildelte mobiliteter ({code})."
                    : $"Aktivitetstypen {code} gjelder ikke for sektoren {form.Sector} i utlysningsår {form.CallYear}. Sett antallet til 0."));
            }
        }

        return found;
    }

    /// <summary>The counties the project would belong to with the form's coordinator and partners (<see cref="ProjectCounty"/>).</summary>
    private async Task<IReadOnlyList<string?>> FormCountiesAsync(ProjectForm form, CancellationToken cancellationToken)
    {
        var coordinator = await db.Organisations.Where(o => o.Id == form.CoordinatorId)
            .Select(o => new { o.CountryCode, o.CountyNumber }).SingleOrDefaultAsync(cancellationToken);
        if (coordinator is null)
        {
            return [];
        }

        if (coordinator.CountryCode == Organisation.Norway)
        {
            return [coordinator.CountyNumber];
        }

        return await db.Organisations.Where(o => form.PartnerIds.Contains(o.Id) && o.CountryCode == Organisation.Norway)
            .Select(o => o.CountyNumber).ToListAsync(cancellationToken);
    }
}
