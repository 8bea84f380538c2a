using System.Globalization;
using System.Text;
using Erasmus.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Erasmus.Web.Infrastructure.Security;

/// <summary>
/// Refuses passwords that are long enough but easy to guess: one of the common passwords shipped with
/// the app (<c>CommonPasswords.txt</c>), the service's or the user's own name, also with digits and
/// symbols before or after and letters written as digits ("P@ssw0rd2024", "Erasmus2027!"); and passwords
/// made of repetitions or sequences ("abcdabcdabcd", "passordpassord", "123456789012", "qwertyuiop12").
/// </summary>
public sealed class CommonPasswordValidator(IOptions<IdentityOptions> options) : IPasswordValidator<ApplicationUser>
{
    public const string CommonMessage = "Passordet er for vanlig og lett å gjette. Unngå vanlige passord og ord, navnet ditt og navnet på tjenesten, også med tall og tegn foran eller bak. Flere ord som ikke hører sammen, er både sterkt og lett å huske.";

    public const string PatternMessage = "Passordet består av gjentakelser eller rekkefølger (som «abcdabcd», «aaabbb» eller «123456»). Velg et passord uten slike mønstre.";

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password) =>
        // A password that is too short gets that message alone.
        Task.FromResult((password ?? "").Length < options.Value.Password.RequiredLength ? IdentityResult.Success : PasswordRules.Check(password!, PersonalWords(user)) switch
        {
            PasswordWeakness.Common => IdentityResult.Failed(new IdentityError { Code = "PasswordCommon", Description = CommonMessage }),
            PasswordWeakness.Pattern => IdentityResult.Failed(new IdentityError { Code = "PasswordPattern", Description = PatternMessage }),
            _ => IdentityResult.Success,
        });

    /// <summary>The user's e-mail address (before the @) and names, which an attacker who targets them knows.</summary>
    private static IEnumerable<string> PersonalWords(ApplicationUser user)
    {
        var local = (user.Email ?? user.UserName ?? "").Split('@')[0];
        return [local, .. local.Split('.', '-', '_'), user.DisplayName, .. user.DisplayName.Split(' ', '-')];
    }
}

public enum PasswordWeakness
{
    None,
    Common,
    Pattern,
}

/// <summary>The checks behind <see cref="CommonPasswordValidator"/>, pure so that they can be tested table by table.</summary>
public static class PasswordRules
{
    /// <summary>Words of this service that the list does not have: an attacker tries them first.</summary>
    private static readonly string[] ServiceWords =
        ["erasmus", "erasmusplus", "hkdir", "diku", "deltakelse", "deltagelse", "mobilitet", "mobiliteter", "koordinator", "fylkeskoordinator", "analytiker"];

    /// <summary>Runs of keys or letters a person types without thinking: alphabet, digits, keyboard rows.</summary>
    private static readonly string[] Sequences = ["abcdefghijklmnopqrstuvwxyzæøå", "01234567890", "qwertyuiopå", "asdfghjkløæ", "zxcvbnm"];

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    public static int CommonCount => Common.Value.Count;

    public static PasswordWeakness Check(string password, IEnumerable<string> personalWords)
    {
        var lower = password.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        if (lower.Length == 0)
        {
            return PasswordWeakness.None;
        }

        // The letters between leading and trailing digits and symbols: "erasmus" in "Erasmus2027!".
        var core = Core(lower);
        if (IsRepetition(lower) || IsRepetition(core) || IsMostlyPredictable(lower))
        {
            return PasswordWeakness.Pattern;
        }

        var known = new HashSet<string>(personalWords.Select(w => w.Trim().ToLower(CultureInfo.InvariantCulture)).Where(w => w.Length >= 3), StringComparer.Ordinal);
        known.UnionWith(ServiceWords);
        var candidates = new[] { lower, core, WithoutSeparators(core) }.SelectMany(Unleet).Where(c => c.Length > 0);
        return candidates.Any(c => Common.Value.Contains(c) || known.Contains(c)) ? PasswordWeakness.Common : PasswordWeakness.None;
    }

    /// <summary>The whole text is one piece repeated: "abcdabcdabcd", "passordpassord".</summary>
    internal static bool IsRepetition(string text)
    {
        for (var unit = 1; unit <= text.Length / 2; unit++)
        {
            if (text.Length % unit == 0 && string.Concat(Enumerable.Repeat(text[..unit], text.Length / unit)) == text)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// At most one step in four is a surprise: the rest repeat the last character or move to its
    /// neighbour in the alphabet, the digits or a keyboard row ("aaabbbcccddd", "123456789012").
    /// </summary>
    internal static bool IsMostlyPredictable(string text)
    {
        if (text.Length < 2)
        {
            return true;
        }

        var surprises = 0;
        for (var i = 1; i < text.Length; i++)
        {
            if (!IsPredictableStep(text[i - 1], text[i]))
            {
                surprises++;
            }
        }

        return surprises * 4 <= text.Length;
    }

    private static bool IsPredictableStep(char previous, char next) =>
        previous == next || Sequences.Any(s =>
        {
            var at = s.IndexOf(previous, StringComparison.Ordinal);
            return at >= 0 && ((at + 1 < s.Length && s[at + 1] == next) || (at > 0 && s[at - 1] == next));
        });

    private static string Core(string text)
    {
        var (start, end) = (0, text.Length);
        while (start < end && !char.IsLetter(text[start]))
        {
            start++;
        }

        while (end > start && !char.IsLetter(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    private static string WithoutSeparators(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '_' or '.')));

    /// <summary>The text as written and with digits and symbols read as the letters they stand for ("p@ssw0rd" → "password").</summary>
    private static IEnumerable<string> Unleet(string text)
    {
        yield return text;
        if (!text.Any(c => c is '0' or '1' or '3' or '4' or '5' or '7' or '@' or '$' or '!'))
        {
            yield break;
        }

        string Replace(char one) => string.Concat(text.Select(c => c switch
        {
            '0' => 'o',
            '1' or '!' => one,
            '3' => 'e',
            '4' or '@' => 'a',
            '5' or '$' => 's',
            '7' => 't',
            _ => c,
        }));

        yield return Replace('i');
        yield return Replace('l');
    }

    private static HashSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("Security.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded in the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith("# ", StringComparison.Ordinal) && line != "#")
            {
                set.Add(line);
            }
        }

        return set;
    }
}
