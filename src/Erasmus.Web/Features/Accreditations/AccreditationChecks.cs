using System.Security.Claims;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Accreditations;

/// <summary>The checks of an accreditation form that need the database or the user's county; the entity checks the rest.</summary>
public sealed class AccreditationChecks(ErasmusDbContext db, IAuthorizationService authorization, CountyScopes scopes, ClaimsPrincipal user)
{
    /// <summary>
    /// The holder and the members must be Norwegian organisations; a coordinator may only choose a
    /// holder in their own county, and only add members from it. What the record already had stays.
    /// </summary>
    public async Task<IReadOnlyList<RuleViolation>> OrganisationsAsync(AccreditationForm form, Accreditation? existing, CancellationToken cancellationToken)
    {
        var found = new List<RuleViolation>();
        if (form.HolderId is { } holderId)
        {
            var holderCountry = await db.Organisations.Where(o => o.Id == holderId).Select(o => o.CountryCode).SingleOrDefaultAsync(cancellationToken);
            if (holderCountry is null)
            {
                found.Add(new RuleViolation(nameof(form.HolderId), "Velg innehaveren fra listen."));
            }
            else if (holderCountry != Organisation.Norway)
            {
                found.Add(new RuleViolation(nameof(form.HolderId), "Innehaveren må være en norsk organisasjon."));
            }
            else if (holderId != existing?.HolderId && !await authorization.CanEditAsync(user, await scopes.ForOrganisationAsync(holderId, cancellationToken)))
            {
                found.Add(new RuleViolation(nameof(form.HolderId), existing is null
                    ? "Du kan bare registrere akkrediteringer for organisasjoner i ditt eget fylke."
                    : "Du kan ikke flytte akkrediteringen til en innehaver utenfor ditt eget fylke."));
            }
        }

        if (await MembersAsync(form, existing, cancellationToken) is { } members)
        {
            found.Add(members);
        }

        return found;
    }

    private async Task<RuleViolation?> MembersAsync(AccreditationForm form, Accreditation? existing, CancellationToken cancellationToken)
    {
        var memberIds = form.MemberIds.Distinct().Where(m => m != form.HolderId).ToList();
        var members = await db.Organisations.Where(o => memberIds.Contains(o.Id))
            .Select(o => new { o.Id, o.CountryCode, o.CountyNumber }).ToListAsync(cancellationToken);
        if (members.Count < memberIds.Count)
        {
            return new RuleViolation(nameof(form.MemberIds), "Velg konsortiemedlemmene fra listen.");
        }

        if (members.Any(m => m.CountryCode != Organisation.Norway))
        {
            return new RuleViolation(nameof(form.MemberIds), "Konsortiemedlemmer må være norske organisasjoner.");
        }

        var added = members.Where(m => existing?.Members.Any(em => em.OrganisationId == m.Id) != true).Select(m => m.CountyNumber).Distinct();
        foreach (var county in added)
        {
            if (!await authorization.CanEditAsync(user, await scopes.ForCountiesAsync([county], cancellationToken)))
            {
                return new RuleViolation(nameof(form.MemberIds), "Du kan bare velge konsortiemedlemmer i ditt eget fylke.");
            }
        }

        return null;
    }

    /// <summary>Accreditation codes are unique: refuse with a link to the accreditation that has it.</summary>
    public async Task<IReadOnlyList<Duplicate>> DuplicatesAsync(AccreditationForm form, int? exceptId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(form.Code))
        {
            return [];
        }

        var code = form.Code.Trim().ToUpperInvariant();
        return await db.Accreditations.Where(a => a.Code == code && a.Id != exceptId)
                .Select(a => new { a.Id, a.Code, HolderName = a.Holder!.Name }).FirstOrDefaultAsync(cancellationToken) is { } same
            ? [new Duplicate(new RuleViolation(nameof(form.Code), $"Akkrediteringsnummeret {code} er allerede registrert på {same.HolderName}."),
                new DuplicateLink($"{same.Code} ({same.HolderName})", $"/akkrediteringer/{same.Id}"))]
            : [];
    }
}
