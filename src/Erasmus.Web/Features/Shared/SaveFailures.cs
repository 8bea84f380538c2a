using Erasmus.Domain.Rules;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Npgsql;

namespace Erasmus.Web.Features.Shared;

/// <summary>
/// What the database refused when a save got past every check before it: a unique value saved by
/// someone else a moment earlier (parallel posts of one form), a record chosen in a list and deleted
/// meanwhile, a value outside a CHECK constraint. Each becomes a message beside its field where the
/// constraint is known, a general one otherwise; never a 500. Controllers catch these for their own
/// forms (and look up a duplicate's link); <see cref="SaveFailureFilter"/> answers for any action that does not.
/// </summary>
public static class SaveFailures
{
    private const string DuplicateMessage = "Noen andre har nettopp lagret den samme verdien. Ingenting er lagret; se over skjemaet og prøv igjen.";
    private const string MissingMessage = "En av postene du valgte, finnes ikke (lenger). Ingenting er lagret; velg fra listene og prøv igjen.";
    private const string OutOfRangeMessage = "En av verdiene er utenfor det som er tillatt. Ingenting er lagret.";
    private const string MalformedMessage = "En av verdiene er for stor eller har en form databasen ikke kan lagre. Ingenting er lagret.";

    /// <summary>The constraints a form field stands behind, with the field and the message to show beside it.</summary>
    private static readonly Dictionary<string, RuleViolation> Known = new(StringComparer.Ordinal)
    {
        ["ix_projects_reference"] = new("Reference", "Prosjektnummeret er allerede registrert."),
        ["ix_accreditations_code"] = new("Code", "Akkrediteringsnummeret er allerede registrert."),
        ["ix_organisations_organisation_number"] = new("OrganisationNumber", "Organisasjonsnummeret er allerede registrert."),
        ["ix_organisations_oid"] = new("Oid", "OID-en er allerede registrert."),
        ["ix_mobilities_project_id_mobility_id"] = new("MobilityId", "Mobilitets-ID-en er allerede registrert i prosjektet."),
        ["fk_organisations_countries_country_code"] = new("CountryCode", "Velg et land fra listen."),
        ["fk_organisations_counties_county_number"] = new("CountyNumber", "Velg et fylke fra listen."),
        ["fk_projects_organisations_coordinator_id"] = new("CoordinatorId", "Velg en koordinator fra listen."),
        ["fk_projects_accreditations_accreditation_id"] = new("AccreditationId", "Velg en akkreditering fra listen."),
        ["fk_project_partners_organisations_organisation_id"] = new("PartnerIds", "En eller flere av partnerne finnes ikke. Velg partnere fra listen."),
        ["fk_project_topics_topics_topic_code"] = new("TopicCodes", "Velg temaer fra listen."),
        ["fk_accreditations_organisations_holder_id"] = new("HolderId", "Velg innehaveren fra listen."),
        ["fk_accreditation_members_organisations_organisation_id"] = new("MemberIds", "Velg konsortiemedlemmene fra listen."),
        ["fk_mobilities_countries_sending_country_code"] = new("SendingCountryCode", "Velg et avsenderland fra listen."),
        ["fk_mobilities_countries_receiving_country_code"] = new("ReceivingCountryCode", "Velg et mottakerland fra listen."),
        ["fk_mobilities_organisations_sending_organisation_id"] = new("SendingOrganisationId", "Velg en avsenderorganisasjon fra listen."),
        ["fk_mobilities_organisations_receiving_organisation_id"] = new("ReceivingOrganisationId", "Velg en mottakerorganisasjon fra listen."),
        ["fk_mobilities_activity_types_activity_type_code"] = new("ActivityTypeCode", "Velg en aktivitetstype fra listen."),
        ["ck_projects_dates"] = new("EndDate", "Sluttdato kan ikke være før startdato."),
        ["ck_mobilities_dates"] = new("EndDate", "Sluttdato kan ikke være før startdato."),
        ["ck_projects_call_year"] = new("CallYear", "Utlysningsåret må være mellom 2014 og 2027."),
        ["ck_projects_round"] = new("Round", "Søknadsrunden må være 1, 2 eller 3."),
        ["ck_projects_grant"] = new("GrantEur", "Tilskuddet må være mellom 0 og 100 000 000 euro."),
        ["ck_awarded_mobilities_participants"] = new("Awarded", "Antall tildelte mobiliteter per aktivitetstype må være mellom 0 og 10 000."),
        ["ck_mobilities_participants"] = new("ParticipantCount", "Antall deltakere må være mellom 1 og 500."),
        ["ck_organisations_first_participation_year"] = new("FirstParticipationYear", "Første deltakelsesår må være mellom 1987 og 2027."),
    };

    /// <summary>The date constraints: the form field and its label, for the range message.</summary>
    private static readonly Dictionary<string, (string Field, string Label)> KnownDates = new(StringComparer.Ordinal)
    {
        ["ck_projects_start_date"] = ("StartDate", "Startdato"),
        ["ck_projects_end_date"] = ("EndDate", "Sluttdato"),
        ["ck_projects_decision_date"] = ("DecisionDate", "Vedtaksdato"),
        ["ck_projects_start_after_call"] = ("StartDate", "Startdato"),
        ["ck_mobilities_start_date"] = ("StartDate", "Startdato"),
        ["ck_mobilities_end_date"] = ("EndDate", "Sluttdato"),
        ["ck_accreditations_valid_from"] = ("ValidFrom", "Gyldig fra"),
        ["ck_accreditations_valid_to"] = ("ValidTo", "Gyldig til"),
        ["ck_accreditations_decision_date"] = ("DecisionDate", "Vedtaksdato"),
        ["ck_snapshots_as_of"] = ("AsOf", "Datoen tallene gjelder for"),
        ["ck_target_values_effective_from"] = ("EffectiveFrom", "Datoen målverdien gjelder fra"),
    };

    /// <summary>What the database refused, as a message for the user; null when the failure is not the user's input (a bug, an outage).</summary>
    public static RuleViolation? Describe(Exception exception)
    {
        var postgres = PostgresError(exception);
        if (postgres is null)
        {
            return null;
        }

        if (postgres.ConstraintName is { } name)
        {
            if (Known.TryGetValue(name, out var known))
            {
                return known;
            }

            if (KnownDates.TryGetValue(name, out var date))
            {
                return Plausible.Date(Plausible.LastDate.AddDays(1), date.Field, date.Label);
            }
        }

        return postgres.SqlState switch
        {
            PostgresErrorCodes.UniqueViolation => new RuleViolation("", DuplicateMessage),
            PostgresErrorCodes.ForeignKeyViolation => new RuleViolation("", MissingMessage),
            PostgresErrorCodes.CheckViolation or PostgresErrorCodes.NotNullViolation => new RuleViolation("", OutOfRangeMessage),
            // Class 22, data exceptions: a number or date too large for its column, text the column cannot hold.
            { } state when state.StartsWith("22", StringComparison.Ordinal) => new RuleViolation("", MalformedMessage),
            _ => null,
        };
    }

    public static bool IsUniqueViolation(Exception exception) => PostgresError(exception)?.SqlState == PostgresErrorCodes.UniqueViolation;

    /// <summary>Puts the message beside its field, or in the summary when the field is not on this form.</summary>
    public static void AddSaveFailure(this ModelStateDictionary modelState, RuleViolation failure, IEnumerable<string>? fields = null)
    {
        var field = fields is null || fields.Contains(failure.Field, StringComparer.Ordinal) ? failure.Field : "";
        modelState.AddModelError(field, failure.Message);
    }

    private static PostgresException? PostgresError(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
            {
                return postgres;
            }
        }

        return null;
    }
}
