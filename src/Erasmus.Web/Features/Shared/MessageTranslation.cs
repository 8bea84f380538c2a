using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Erasmus.Web.Features.Shared;

/// <summary>
/// Messages are written in bokmål where they arise (the domain's rules, the import, a controller's
/// confirmation), many with values in them: "Sektoren må stemme med prosjektnummeret (SCH).". For an
/// English page this finds the resource named by the message itself, or else the resource whose name
/// is the message's pattern with {0}, {1} … where the values stand ("Sektoren må stemme med
/// prosjektnummeret ({0})."), and puts the same values into its English text. The values are
/// translated the same way where they are texts of their own ("aktiviteten «{0}»", "45 dager", a
/// column's name) and left as they are otherwise.
/// </summary>
public static partial class MessageTranslation
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<Template>> TemplatesByCulture = new(StringComparer.Ordinal);

    public static string Translate(this IStringLocalizer localizer, string message) => Translate(localizer, message, valuesToo: true);

    private static string Translate(IStringLocalizer localizer, string message, bool valuesToo)
    {
        var literal = localizer[message];
        if (!literal.ResourceNotFound)
        {
            return literal.Value;
        }

        // The messages are bokmål already; only English has resources to translate them with.
        var culture = CultureInfo.CurrentUICulture;
        if (culture.TwoLetterISOLanguageName != "en")
        {
            return message;
        }

        foreach (var template in TemplatesByCulture.GetOrAdd(culture.Name, _ => TemplatesOf(localizer)))
        {
            if (template.Pattern.Match(message) is { Success: true } match)
            {
                var values = new object?[template.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    var value = match.Groups["p" + i.ToString(CultureInfo.InvariantCulture)].Value;
                    // One level down only ("45 dager" → "45 days"), so a value cannot set off a chain of matches.
                    values[i] = valuesToo ? Translate(localizer, value, valuesToo: false) : value;
                }

                return string.Format(culture, template.Text, values);
            }
        }

        return message;
    }

    /// <summary>Every resource with placeholders, the most specific (the most fixed text) first.</summary>
    private static List<Template> TemplatesOf(IStringLocalizer localizer) =>
        [.. localizer.GetAllStrings(includeParentCultures: true)
            .Where(s => Placeholder().IsMatch(s.Name))
            .Select(s => Template.From(s.Name, s.Value))
            .OrderByDescending(t => t.FixedLength)];

    private sealed record Template(Regex Pattern, string Text, int Count, int FixedLength)
    {
        public static Template From(string name, string text)
        {
            var pattern = new StringBuilder("^");
            var seen = new HashSet<int>();
            var fixedLength = 0;
            var at = 0;
            foreach (Match placeholder in Placeholder().Matches(name))
            {
                pattern.Append(Regex.Escape(name[at..placeholder.Index]));
                fixedLength += placeholder.Index - at;
                var index = int.Parse(placeholder.Groups[1].Value, CultureInfo.InvariantCulture);
                pattern.Append(seen.Add(index) ? $"(?<p{index}>.+?)" : $@"\k<p{index}>");
                at = placeholder.Index + placeholder.Length;
            }

            pattern.Append(Regex.Escape(name[at..])).Append('$');
            fixedLength += name.Length - at;
            return new Template(new Regex(pattern.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200)),
                text, seen.Count == 0 ? 0 : seen.Max() + 1, fixedLength);
        }
    }

    [GeneratedRegex(@"\{(\d+)(?::[^}]*)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
