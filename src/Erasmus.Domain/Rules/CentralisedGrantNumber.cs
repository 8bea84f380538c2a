namespace Erasmus.Domain.Rules;

/// <summary>
/// Centralised projects (CoVE, Teacher Academies, sport partnerships) are applied for in Brussels and
/// identified by the EU grant agreement number: exactly 9 digits, e.g. 101055859.
/// </summary>
public static class CentralisedGrantNumber
{
    private const int Length = 9;

    public static bool IsValid(string? v) => v is not null && Digits.AreAscii(v, Length);

    public static RuleViolation? Validate(string? v, string field = "Reference")
    {
        if (string.IsNullOrWhiteSpace(v))
        {
            return new RuleViolation(field, "EU-prosjektnummeret må fylles ut.");
        }

        return IsValid(v)
            ? null
            : new RuleViolation(field, "EU-prosjektnummeret må ha 9 sifre, for eksempel 101055859.");
    }
}
