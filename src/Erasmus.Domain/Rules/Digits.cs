namespace Erasmus.Domain.Rules;

/// <summary>Shared character checks for identifiers.</summary>
internal static class Digits
{
    /// <summary>
    /// True when every character is an ASCII digit 0–9. <see cref="char.IsDigit(char)"/> is not used
    /// because it also accepts other scripts' digits, which no register would accept.
    /// </summary>
    public static bool AreAscii(ReadOnlySpan<char> value, int length) =>
        value.Length == length && !value.ContainsAnyExceptInRange('0', '9');
}
