using System.Globalization;
using Erasmus.Domain.Entities;

namespace Erasmus.Domain.Rules;

/// <summary>
/// The plausible values of DOMAIN.md ("Plausible values"). Anything outside them is a typing error or
/// an attack, never data: one project starting on 0001-01-01 once took the national dashboards down for
/// everyone (issue #15). Every entity refuses values outside these ranges, forms and imports show the
/// entity's message, and the database's CHECK constraints (migration 20261207000000_PlausibleValues)
/// refuse the same, so a value that gets past one layer is stopped by the next.
/// </summary>
public static class Plausible
{
    public static readonly DateOnly FirstDate = new(2014, 1, 1);
    public static readonly DateOnly LastDate = new(2035, 12, 31);

    /// <summary>Call years: from the first call of Erasmus+ to the last of this period.</summary>
    public const int FirstCallYear = 2014;

    public const int LastCallYear = DomainVocabulary.LastCallYear;

    public const int MinParticipants = 1;
    public const int MaxParticipants = 500;

    /// <summary>The awarded number of participants for one activity type of one project.</summary>
    public const int MaxAwarded = 10_000;

    public const decimal MaxGrantEur = 100_000_000m;

    /// <summary>A recorded first participation may be in a predecessor programme: Erasmus began in 1987.</summary>
    public const int FirstParticipationYearFrom = 1987;

    /// <summary>
    /// A target value: counts of people or organisations over the period, or a percentage; a hundred
    /// times the largest target of the strategy is still far below this.
    /// </summary>
    public const decimal MaxTargetValue = 10_000_000m;

    public static bool IsPlausible(DateOnly date) => date >= FirstDate && date <= LastDate;

    /// <summary>A date outside the plausible range, named by its label ("Startdato") beside its field.</summary>
    public static RuleViolation? Date(DateOnly? date, string field, string label) =>
        date is { } value && !IsPlausible(value)
            ? new RuleViolation(field, $"{label} må være mellom {Format(FirstDate)} og {Format(LastDate)}.")
            : null;

    /// <summary>A project starts in its call year or the year before (calls open in the autumn before).</summary>
    public static DateOnly EarliestStartFor(int callYear) => new(Math.Clamp(callYear, 2, 9999) - 1, 1, 1);

    public static RuleViolation? ProjectStart(DateOnly start, int callYear, string field) =>
        callYear is >= FirstCallYear and <= LastCallYear && start < EarliestStartFor(callYear)
            ? new RuleViolation(field, $"Startdato kan ikke være før {Format(EarliestStartFor(callYear))}: et prosjekt starter tidligst året før utlysningsåret ({callYear.ToString(CultureInfo.InvariantCulture)}).")
            : null;

    public static RuleViolation? Grant(decimal grantEur, string field) =>
        grantEur is < 0 or > MaxGrantEur
            ? new RuleViolation(field, "Tilskuddet må være mellom 0 og 100 000 000 euro.")
            : null;

    public static RuleViolation? Awarded(int participants, string field) =>
        participants is < 0 or > MaxAwarded
            ? new RuleViolation(field, "Antall tildelte mobiliteter per aktivitetstype må være mellom 0 og 10 000.")
            : null;

    // Norwegian date format, fixed rather than taken from the request culture so messages are stable.
    private static string Format(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
}
