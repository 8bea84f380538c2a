namespace Erasmus.Domain.Rules;

/// <summary>
/// Norwegian organisation number (organisasjonsnummer): 9 digits, the last a modulus-11 check digit
/// over the first eight with weights 3,2,7,6,5,4,3,2. Remainder 0 gives check digit 0; remainder 1
/// gives no valid check digit, so such numbers are never issued.
/// </summary>
public static class OrganisationNumber
{
    private const int Length = 9;
    private static readonly int[] _weights = [3, 2, 7, 6, 5, 4, 3, 2];

    public static bool IsValid(string? value) => Validate(value) is null;

    /// <summary>Null when valid. Expects <see cref="Normalise"/> output: spaces are not accepted here.</summary>
    public static RuleViolation? Validate(string? value, string field = "OrganisationNumber")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new RuleViolation(field, "Organisasjonsnummeret må fylles ut.");
        }

        if (!Digits.AreAscii(value, Length))
        {
            return new RuleViolation(field, "Organisasjonsnummeret må ha 9 sifre.");
        }

        var expected = CheckDigit(value.AsSpan(0, Length - 1));
        return expected == value[Length - 1] - '0'
            ? null
            : new RuleViolation(field, "Organisasjonsnummeret har feil kontrollsiffer.");
    }

    /// <summary>Removes whitespace (also the non-breaking space that formatted numbers often carry), e.g. "974 760 673" -> "974760673".</summary>
    public static string Normalise(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return string.Concat(value.Where(c => !char.IsWhiteSpace(c)));
    }

    /// <summary>The full 9-digit number for eight leading digits; used by demo data generators.</summary>
    /// <exception cref="ArgumentException">Not eight digits, or the digits give remainder 1 and so no valid number.</exception>
    public static string WithCheckDigit(string firstEightDigits)
    {
        ArgumentNullException.ThrowIfNull(firstEightDigits);
        if (!Digits.AreAscii(firstEightDigits, Length - 1))
        {
            throw new ArgumentException(
                $"Expected exactly 8 digits, got \"{firstEightDigits}\".", nameof(firstEightDigits));
        }

        return TryWithCheckDigit(firstEightDigits, out var number)
            ? number
            : throw new ArgumentException(
                $"\"{firstEightDigits}\" gives modulus-11 remainder 1, so no valid check digit exists; choose other digits.",
                nameof(firstEightDigits));
    }

    public static bool TryWithCheckDigit(string firstEightDigits, out string number)
    {
        number = string.Empty;
        if (firstEightDigits is null || !Digits.AreAscii(firstEightDigits, Length - 1))
        {
            return false;
        }

        var checkDigit = CheckDigit(firstEightDigits);
        if (checkDigit < 0)
        {
            return false;
        }

        number = string.Concat(firstEightDigits, ((char)('0' + checkDigit)).ToString());
        return true;
    }

    /// <summary>The check digit for eight ASCII digits, or -1 when remainder 1 makes every number invalid.</summary>
    private static int CheckDigit(ReadOnlySpan<char> firstEight)
    {
        var sum = 0;
        for (var i = 0; i < _weights.Length; i++)
        {
            sum += (firstEight[i] - '0') * _weights[i];
        }

        return (sum % 11) switch
        {
            0 => 0,
            1 => -1,
            var remainder => 11 - remainder,
        };
    }
}
