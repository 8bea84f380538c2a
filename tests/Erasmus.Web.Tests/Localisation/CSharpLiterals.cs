using System.Text;

namespace Erasmus.Web.Tests.Localisation;

/// <summary>
/// Reads the string literals of one C# statement, as the user will see them: escapes resolved, and
/// an interpolated string's holes numbered {0}, {1} … as in the resource names of messages with values.
/// Enough C# for the messages in this code base; raw and verbatim strings are not messages here.
/// </summary>
internal static class CSharpLiterals
{
    public static IEnumerable<string> OfStatement(string text, int start)
    {
        var literals = new List<string>();
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' || (c == '$' && i + 1 < text.Length && text[i + 1] == '"'))
            {
                var interpolated = c == '$';
                i += interpolated ? 2 : 1;
                literals.Add(Read(text, ref i, interpolated));
            }
            else if (c == '\'')
            {
                i = text.IndexOf('\'', i + (text[i + 1] == '\\' ? 3 : 2));
            }
            else if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
            }
            else if (c == ';' && depth <= 0)
            {
                break;
            }
        }

        return literals;
    }

    /// <summary>From just after the opening quote to the closing one, which <paramref name="i"/> is left on.</summary>
    private static string Read(string text, ref int i, bool interpolated)
    {
        var result = new StringBuilder();
        var holes = 0;
        for (; i < text.Length && text[i] != '"'; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                i++;
                result.Append(text[i] switch { 'n' => '\n', 't' => '\t', '0' => '\0', var other => other });
            }
            else if (interpolated && c is '{' or '}' && i + 1 < text.Length && text[i + 1] == c)
            {
                result.Append(c);
                i++;
            }
            else if (interpolated && c == '{')
            {
                SkipHole(text, ref i);
                result.Append('{').Append(holes++).Append('}');
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>From a hole's opening brace to its closing one, past nested braces and strings.</summary>
    private static void SkipHole(string text, ref int i)
    {
        var depth = 0;
        for (; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '{':
                    depth++;
                    break;
                case '}' when --depth == 0:
                    return;
                case '"':
                    i++;
                    Read(text, ref i, interpolated: false);
                    break;
                case '$' when text[i + 1] == '"':
                    i += 2;
                    Read(text, ref i, interpolated: true);
                    break;
            }
        }
    }
}
