namespace Erasmus.Domain.Rules;

/// <summary>The EU Organisation ID (OID): "E" followed by 8 digits, e.g. E10123456.</summary>
public static class OrganisationId
{
    private const int DigitCount = 8;
    private const string FormatMessage = "OID må være E fulgt av 8 sifre, for eksempel E10123456.";

    /// <summary>Only the canonical upper-case form is valid; pass user input through <see cref="Normalise"/> first.</summary>
    public static bool IsValid(string? value) =>
        value is { Length: DigitCount + 1 } && value[0] == 'E' && Digits.AreAscii(value.AsSpan(1), DigitCount);

    public static RuleViolation? Validate(string? value, string field = "Oid")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new RuleViolation(field, "OID må fylles ut.");
        }

        return IsValid(value) ? null : new RuleViolation(field, FormatMessage);
    }

    /// <summary>Trims and upper-cases, so "  e10123456 " becomes "E10123456".</summary>
    public static string Normalise(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Trim().ToUpperInvariant();
    }
}
