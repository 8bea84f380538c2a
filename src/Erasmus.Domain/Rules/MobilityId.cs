using System.Text.RegularExpressions;

namespace Erasmus.Domain.Rules;

/// <summary>Mobility activity ID from the beneficiary tools, unique within its project, e.g. 000123-MOB-00001.</summary>
public static partial class MobilityId
{
    public static bool IsValid(string? v) => v is not null && Shape().IsMatch(v);

    public static RuleViolation? Validate(string? v, string field = "MobilityId")
    {
        if (string.IsNullOrWhiteSpace(v))
        {
            return new RuleViolation(field, "Mobilitets-ID-en må fylles ut.");
        }

        return IsValid(v)
            ? null
            : new RuleViolation(
                field, "Mobilitets-ID-en må ha formen NNNNNN-MOB-NNNNN, for eksempel 000123-MOB-00001.");
    }

    // [0-9], not \d: \d also matches other scripts' digits. \z rejects a trailing newline, which $ allows.
    [GeneratedRegex(@"^[0-9]{6}-MOB-[0-9]{5}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
