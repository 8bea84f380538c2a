using System.Globalization;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Mobilities;

/// <summary>
/// The checks of a mobility form that need the database or its choices; the entity checks the rest.
/// A field the binder already refused (<paramref name="refused"/>) gets no second message.
/// </summary>
public sealed class MobilityChecks(ErasmusDbContext db, IReadOnlySet<string> refused)
{
    /// <summary>
    /// Checks that the chosen activity type, organisations and countries exist and were offered;
    /// returns the activity type for the domain, which checks the rest.
    /// </summary>
    public async Task<(ActivityType? Activity, IReadOnlyList<RuleViolation> Violations)> ChoicesAsync(MobilityForm form, MobilityOptions choices, CancellationToken cancellationToken)
    {
        var found = new List<RuleViolation>();
        ActivityType? activity = null;
        if (!string.IsNullOrWhiteSpace(form.ActivityTypeCode) && !refused.Contains(nameof(form.ActivityTypeCode)))
        {
            activity = await db.ActivityTypes.AsNoTracking().SingleOrDefaultAsync(a => a.Code == form.ActivityTypeCode, cancellationToken);
            if (activity is null)
            {
                found.Add(new RuleViolation(nameof(form.ActivityTypeCode), "Velg en aktivitetstype fra listen."));
            }
        }

        OfferedOrganisation(form.SendingOrganisationId, nameof(form.SendingOrganisationId), "Velg en avsenderorganisasjon fra listen.");
        OfferedOrganisation(form.ReceivingOrganisationId, nameof(form.ReceivingOrganisationId), "Velg en mottakerorganisasjon fra listen.");
        Offered(form.SendingCountryCode, choices.Countries, nameof(form.SendingCountryCode), "Velg et avsenderland fra listen.");
        Offered(form.ReceivingCountryCode, choices.Countries, nameof(form.ReceivingCountryCode), "Velg et mottakerland fra listen.");
        return (activity, found);

        void OfferedOrganisation(int? id, string field, string message)
        {
            if (id is { } chosen && !refused.Contains(field) && !choices.Offers(chosen))
            {
                found.Add(new RuleViolation(field, message));
            }
        }

        void Offered(string? value, IReadOnlyList<FieldOption> options, string field, string message)
        {
            if (!string.IsNullOrEmpty(value) && !refused.Contains(field) && options.All(o => o.Value != value))
            {
                found.Add(new RuleViolation(field, message));
            }
        }
    }

    /// <summary>A mobility ID is unique within its project: refuse with a link to the mobility that has it.</summary>
    public async Task<IReadOnlyList<Duplicate>> DuplicatesAsync(MobilityForm form, ProjectSummary project, int? exceptId, CancellationToken cancellationToken)
    {
        var existing = await db.Mobilities.AsNoTracking()
            .Where(m => m.ProjectId == project.Id && m.MobilityId == form.MobilityId && m.Id != exceptId)
            .Select(m => new { m.Id, m.MobilityId })
            .FirstOrDefaultAsync(cancellationToken);
        return existing is null
            ? []
            : [new Duplicate(new RuleViolation(nameof(form.MobilityId), $"Mobilitets-ID-en {existing.MobilityId} er allerede registrert i prosjektet {project.Reference}."),
                new DuplicateLink($"Mobilitet {existing.MobilityId} i {project.Reference}", $"/mobiliteter/{existing.Id}"))];
    }
}
