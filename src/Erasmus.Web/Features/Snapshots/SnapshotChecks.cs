using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Snapshots;

/// <summary>
/// The checks of a snapshot form beside its attribute rules, so every message shows at once; the entity
/// checks the rest. A field the binder already refused (<paramref name="refused"/>) gets no second message.
/// </summary>
public sealed class SnapshotChecks(ErasmusDbContext db, IReadOnlySet<string> refused, DateOnly today)
{
    /// <summary>
    /// A snapshot freezes what the data says about a date in the period that has come (from the start of
    /// the period to today), on a basis and a county structure the dashboard knows, for a county that exists.
    /// </summary>
    public async Task<IReadOnlyList<RuleViolation>> FormAsync(SnapshotForm form, CancellationToken cancellationToken)
    {
        var found = new List<RuleViolation>();
        if (form.AsOf is { } date && (date < DomainVocabulary.PeriodStart || date > today))
        {
            found.Add(new RuleViolation(nameof(form.AsOf), $"Datoen må være mellom {Format.Date(DomainVocabulary.PeriodStart)} og i dag ({Format.Date(today)})."));
        }

        if (form.Basis is { Length: > 0 } && form.Basis is not ("awarded" or "realised"))
        {
            found.Add(new RuleViolation(nameof(form.Basis), "Velg grunnlag: tildelt eller gjennomført."));
        }

        if (form.Structure is not (null or "" or "asof" or "today"))
        {
            found.Add(new RuleViolation(nameof(form.Structure), "Velg fylkesstruktur: på datoen eller dagens."));
        }

        if (!string.IsNullOrEmpty(form.County) && !refused.Contains(nameof(form.County))
            && !await db.Counties.AnyAsync(c => c.Number == form.County, cancellationToken))
        {
            found.Add(new RuleViolation(nameof(form.County), $"Fylket «{form.County}» finnes ikke. Velg et fylke fra listen."));
        }

        return [.. found.Where(v => !refused.Contains(v.Field))];
    }

    /// <summary>Names are unique regardless of case: refuse with a link to the snapshot that has the name.</summary>
    public async Task<IReadOnlyList<Duplicate>> DuplicatesAsync(SnapshotForm form, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(form.Name))
        {
            return [];
        }

        // ILIKE without wildcards: the same name in any case.
        var exact = form.Name.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        return await db.Set<Snapshot>().Where(s => EF.Functions.ILike(s.Name, exact, "\\")).Select(s => new { s.Id, s.Name }).FirstOrDefaultAsync(cancellationToken) is { } existing
            ? [new Duplicate(new RuleViolation(nameof(form.Name), $"Det finnes allerede et øyeblikksbilde med navnet «{existing.Name}». Velg et annet navn."),
                new DuplicateLink(existing.Name, $"/oyeblikksbilder/{existing.Id}"))]
            : [];
    }
}
