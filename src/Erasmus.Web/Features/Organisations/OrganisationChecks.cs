using System.Security.Claims;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Organisations;

/// <summary>
/// The checks of an organisation form that need the database or the user; the entity checks the rest.
/// Each returns what it refuses; a field the binder already refused (<paramref name="refused"/>) gets no second message.
/// </summary>
public sealed class OrganisationChecks(ErasmusDbContext db, ClaimsPrincipal user, IReadOnlySet<string> refused)
{
    /// <summary>Everything but duplicates, for a new organisation (<paramref name="existing"/> null) or a change.</summary>
    public async Task<IReadOnlyList<RuleViolation>> CheckAsync(OrganisationForm form, Organisation? existing, CancellationToken cancellationToken)
    {
        List<RuleViolation> found = [.. await ReferencesAsync(form, cancellationToken)];
        if (await CountyAsync(form, existing, found, cancellationToken) is { } county)
        {
            found.Add(county);
        }

        if (existing is not null && await CountryChangeAsync(form, existing, cancellationToken) is { } country)
        {
            found.Add(country);
        }

        return found;
    }

    /// <summary>
    /// The country and county must be ones the lists offer: an unknown code would otherwise reach the
    /// database's foreign keys (issue #15: CountryCode=XX answered 500).
    /// </summary>
    private async Task<IEnumerable<RuleViolation>> ReferencesAsync(OrganisationForm form, CancellationToken cancellationToken)
    {
        var found = new List<RuleViolation>();
        var country = form.CountryCode?.Trim().ToUpperInvariant();
        if (!refused.Contains(nameof(form.CountryCode))
            && !string.IsNullOrEmpty(country) && !await db.Countries.AnyAsync(c => c.Code == country, cancellationToken))
        {
            found.Add(new RuleViolation(nameof(form.CountryCode), "Ukjent land. Velg et land fra listen."));
        }

        var county = form.CountyNumber?.Trim();
        if (country == Organisation.Norway && !refused.Contains(nameof(form.CountyNumber))
            && !string.IsNullOrEmpty(county) && !await db.Counties.AnyAsync(c => c.Number == county, cancellationToken))
        {
            found.Add(new RuleViolation(nameof(form.CountyNumber), "Ukjent fylke. Velg et fylke fra listen."));
        }

        return found;
    }

    /// <summary>
    /// Where a Norwegian organisation may be registered or moved. A coordinator: only in their own
    /// county, never in a county dissolved in 2024, whose organisations analysts register (decision 8);
    /// a saved county stays as it is. Analysts: any county.
    /// </summary>
    private async Task<RuleViolation?> CountyAsync(OrganisationForm form, Organisation? existing, IEnumerable<RuleViolation> earlier, CancellationToken cancellationToken)
    {
        var county = form.CountyNumber?.Trim();
        if (!user.IsCoordinator() || !IsNorway(form.CountryCode) || string.IsNullOrEmpty(county)
            || county == existing?.CountyNumber || county == user.CountyNumber()
            || refused.Contains(nameof(form.CountyNumber)) || earlier.Any(v => v.Field == nameof(form.CountyNumber)))
        {
            return null;
        }

        var dissolved = await db.Counties.AnyAsync(c => c.Number == county && c.ValidTo != null, cancellationToken);
        return new RuleViolation(nameof(form.CountyNumber), (dissolved, existing) switch
        {
            (true, _) => "Organisasjoner i fylker som ble oppløst i 2024, registreres av HK-dir. Velg ditt eget fylke.",
            (false, null) => "Du kan bare registrere organisasjoner i ditt eget fylke.",
            (false, _) => "Du kan ikke flytte organisasjonen til et annet fylke enn ditt eget.",
        });
    }

    /// <summary>
    /// A coordinator may not make a Norwegian organisation foreign when projects belong to their county
    /// through it: a foreign organisation belongs to no county, so those projects would move to other
    /// counties' coordinators (issue #15). What must stay Norwegian for everyone is the entity's rule.
    /// </summary>
    private async Task<RuleViolation?> CountryChangeAsync(OrganisationForm form, Organisation existing, CancellationToken cancellationToken) =>
        user.IsCoordinator() && existing.CountryCode == Organisation.Norway && !string.IsNullOrWhiteSpace(form.CountryCode)
            && !IsNorway(form.CountryCode)
            && await OrganisationQueries.ProjectsInItsCountyAsync(db, existing.Id, cancellationToken) > 0
            ? new RuleViolation(nameof(form.CountryCode),
                "Du kan ikke gjøre organisasjonen utenlandsk: prosjektene den koordinerer eller er norsk partner i, ville da flytte ut av fylket ditt. Be HK-dir om å endre landet.")
            : null;

    /// <summary>Organisation number and OID are unique: refuse with a link to the record that has it.</summary>
    public async Task<IReadOnlyList<Duplicate>> DuplicatesAsync(OrganisationForm form, int? exceptId, CancellationToken cancellationToken)
    {
        var found = new List<Duplicate>();
        var number = string.IsNullOrWhiteSpace(form.OrganisationNumber) ? null : OrganisationNumber.Normalise(form.OrganisationNumber);
        var oid = string.IsNullOrWhiteSpace(form.Oid) ? null : OrganisationId.Normalise(form.Oid);
        if (number is not null && await db.Organisations.Where(o => o.OrganisationNumber == number && o.Id != exceptId)
                .Select(o => new OrganisationLink(o.Id, o.Name)).FirstOrDefaultAsync(cancellationToken) is { } sameNumber)
        {
            found.Add(new Duplicate(new RuleViolation(nameof(form.OrganisationNumber), $"Organisasjonsnummeret {number} er allerede registrert på {sameNumber.Name}."),
                new DuplicateLink(sameNumber.Name, $"/organisasjoner/{sameNumber.Id}")));
        }

        if (oid is not null && await db.Organisations.Where(o => o.Oid == oid && o.Id != exceptId)
                .Select(o => new OrganisationLink(o.Id, o.Name)).FirstOrDefaultAsync(cancellationToken) is { } sameOid)
        {
            found.Add(new Duplicate(new RuleViolation(nameof(form.Oid), $"OID {oid} er allerede registrert på {sameOid.Name}."),
                new DuplicateLink(sameOid.Name, $"/organisasjoner/{sameOid.Id}")));
        }

        return found;
    }

    private static bool IsNorway(string? countryCode) => string.Equals(countryCode?.Trim(), Organisation.Norway, StringComparison.OrdinalIgnoreCase);
}
