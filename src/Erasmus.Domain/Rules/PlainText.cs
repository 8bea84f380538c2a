namespace Erasmus.Domain.Rules;

/// <summary>
/// Names and notes are shown to everyone, in lists, workbooks and audit trails. Control characters and
/// the invisible characters that reverse the direction of the text around them (a right-to-left override
/// makes "Skole‮fdp.exe" read as "Skoleexe.pdf") have no place in them: they are refused with a message
/// rather than silently removed, so what is saved is what the user sees they typed.
/// </summary>
public static class PlainText
{
    /// <summary>The message beside a field that has such characters (also used by the web forms' attribute).</summary>
    public const string Message = "Teksten kan ikke inneholde kontrolltegn eller usynlige tegn som endrer skriveretningen.";

    /// <summary>True when the text holds a character a name or note must not have.</summary>
    public static bool HasHiddenCharacters(string? text, bool allowLineBreaks = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (allowLineBreaks && c is '\n' or '\r' or '\t')
            {
                continue;
            }

            if (IsHidden(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The violation for a name or note with such characters, beside its field.</summary>
    public static RuleViolation? Validate(string? text, string field, bool allowLineBreaks = false) =>
        HasHiddenCharacters(text, allowLineBreaks)
            ? new RuleViolation(field, Message)
            : null;

    private static bool IsHidden(char c) =>
        char.IsControl(c) // C0, DEL and C1, NUL included
        || char.IsSurrogate(c) // a lone half of a pair: not a character at all
        || c is '\u200B' or '\u2060' or '\uFEFF' // zero-width space, word joiner, byte-order mark
        || c is '\u061C' or '\u200E' or '\u200F' // Arabic letter mark, left-to-right and right-to-left marks
        || c is >= '\u202A' and <= '\u202E' // embeddings and overrides
        || c is >= '\u2066' and <= '\u2069' // isolates
        || c is >= '\uFFF9' and <= '\uFFFB' // interlinear annotations
        || c is '\uFFFE' or '\uFFFF'; // noncharacters
}
