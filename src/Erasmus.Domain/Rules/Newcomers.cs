namespace Erasmus.Domain.Rules;

/// <summary>
/// Newcomer rule (DOMAIN.md): a Norwegian organisation coordinating a partnership is a newcomer when
/// it had no Erasmus+ participation (any project, any role, any period, including a recorded first
/// participation year) before that partnership's call year. Counting each organisation once is the
/// caller's business.
/// </summary>
public static class Newcomers
{
    /// <summary>One project the organisation took part in (any role).</summary>
    public sealed record Participation(int CallYear);

    /// <param name="partnershipCallYear">Call year of the partnership the organisation coordinates.</param>
    /// <param name="recordedFirstParticipationYear">First participation year recorded on the organisation, covering participation the tracker holds no projects for.</param>
    /// <param name="callYearsOfAllItsProjects">Call years of every project it took part in, in any role; may include the partnership itself.</param>
    public static bool IsNewcomer(
        int partnershipCallYear, int? recordedFirstParticipationYear, IEnumerable<int> callYearsOfAllItsProjects)
    {
        ArgumentNullException.ThrowIfNull(callYearsOfAllItsProjects);

        // Only strictly earlier years disqualify: other projects of the same call were applied for at
        // the same time, so they are not previous experience.
        if (recordedFirstParticipationYear < partnershipCallYear)
        {
            return false;
        }

        return !callYearsOfAllItsProjects.Any(year => year < partnershipCallYear);
    }
}
