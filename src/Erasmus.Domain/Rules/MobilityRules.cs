using System.Globalization;

namespace Erasmus.Domain.Rules;

/// <summary>Rules for a single mobility record: dates, duration, participants and what counts in a target.</summary>
public static class MobilityRules
{
    /// <summary>A sanity bound: no single mobility record in these actions carries more participants.</summary>
    private const int MaxParticipants = 500;

    private const string ParticipantCountField = "ParticipantCount";

    /// <summary>Inclusive day count: a mobility starting and ending on the same day lasts 1 day.</summary>
    public static int DurationDays(DateOnly start, DateOnly end) => end.DayNumber - start.DayNumber + 1;

    public static RuleViolation? ValidateDates(DateOnly start, DateOnly end) =>
        end < start ? new RuleViolation("EndDate", "Sluttdato kan ikke være før startdato.") : null;

    /// <summary>Checks the duration against the activity type's allowed range (activity-types.csv), both ends inclusive.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range itself is impossible, which is a data error, not a user error.</exception>
    public static RuleViolation? ValidateDuration(int durationDays, int minDays, int maxDays, string activityName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minDays, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDays, minDays);

        if (durationDays >= minDays && durationDays <= maxDays)
        {
            return null;
        }

        var activity = string.IsNullOrWhiteSpace(activityName) ? "aktiviteten" : $"aktiviteten «{activityName.Trim()}»";
        var range = minDays == maxDays ? Days(minDays) : $"{minDays}–{Days(maxDays)}";
        return new RuleViolation(
            "EndDate", $"Varigheten ({Days(durationDays)}) er utenfor det {activity} tillater ({range}).");
    }

    /// <summary>One violation per date that falls outside the project period, so each form field gets its own message.</summary>
    public static IReadOnlyList<RuleViolation> ValidateInsideProjectPeriod(
        DateOnly start, DateOnly end, DateOnly projectStart, DateOnly projectEnd)
    {
        var violations = new List<RuleViolation>(2);
        var startProblem = OutsidePeriod("Startdato", start, projectStart, projectEnd);
        if (startProblem is not null)
        {
            violations.Add(new RuleViolation("StartDate", startProblem));
        }

        var endProblem = OutsidePeriod("Sluttdato", end, projectStart, projectEnd);
        if (endProblem is not null)
        {
            violations.Add(new RuleViolation("EndDate", endProblem));
        }

        return violations;
    }

    public static RuleViolation? ValidateParticipantCount(int participants, bool isGroupActivity)
    {
        if (participants < 1)
        {
            return new RuleViolation(ParticipantCountField, "Antall deltakere må være minst 1.");
        }

        if (isGroupActivity && participants < 2)
        {
            return new RuleViolation(ParticipantCountField, "En gruppemobilitet må ha minst to deltakere.");
        }

        return participants > MaxParticipants
            ? new RuleViolation(
                ParticipantCountField,
                string.Create(CultureInfo.InvariantCulture, $"Antall deltakere kan ikke være over {MaxParticipants}."))
            : null;
    }

    /// <summary>Group activity codes carry "-GRP-", e.g. LM-GRP-PUPIL and LM-GRP-ADU.</summary>
    public static bool IsGroupActivity(string activityCode)
    {
        ArgumentNullException.ThrowIfNull(activityCode);
        return activityCode.Contains("-GRP-", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The number of participants this record contributes to a national target: 0 for an accompanying
    /// person, 0 for incoming; otherwise the participant count (a group record counts each participant).
    /// The record's status (planned, cancelled) is the caller's business.
    /// </summary>
    public static int CountedParticipants(ParticipantGroup group, MobilityDirection direction, int participantCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(participantCount);
        return group == ParticipantGroup.AccompanyingPerson || direction == MobilityDirection.Incoming
            ? 0
            : participantCount;
    }

    private static string? OutsidePeriod(string label, DateOnly date, DateOnly projectStart, DateOnly projectEnd)
    {
        if (date < projectStart)
        {
            return $"{label} ({Format(date)}) er før prosjektets startdato ({Format(projectStart)}).";
        }

        return date > projectEnd
            ? $"{label} ({Format(date)}) er etter prosjektets sluttdato ({Format(projectEnd)})."
            : null;
    }

    // Norwegian date format, fixed rather than taken from the request culture so messages are stable.
    private static string Format(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    private static string Days(int days) =>
        string.Create(CultureInfo.InvariantCulture, $"{days} {(days == 1 ? "dag" : "dager")}");
}
