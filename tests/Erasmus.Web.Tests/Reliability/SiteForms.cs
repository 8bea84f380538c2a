using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>What a form field holds, as its element says: the generators choose hostile values by it.</summary>
public enum FieldKind
{
    Text,
    Date,
    Number,
    Flag,
    Code,
    Id,
    Hidden,

    /// <summary>A named submit button: a command such as "refresh the list", not a value.</summary>
    Command,
}

/// <summary>One named field of a form: its kind, the values a select or checkbox group offers, and the values the page filled in.</summary>
public sealed record FormField(string Name, FieldKind Kind, IReadOnlyList<string> Options, bool Multiple, IReadOnlyList<string> Values);

/// <summary>A form that posts, as a page renders it.</summary>
public sealed record PostForm(string Action, bool Multipart, IReadOnlyList<FormField> Fields)
{
    /// <summary>Every form[method=post] of a page, with its fields (the antiforgery token apart).</summary>
    public static List<PostForm> On(IHtmlDocument document, string page) =>
        [.. document.QuerySelectorAll("form[method=post]").Select(f => new PostForm(
            f.GetAttribute("action") is { Length: > 0 } action ? action : page,
            string.Equals(f.GetAttribute("enctype"), "multipart/form-data", StringComparison.OrdinalIgnoreCase),
            FieldsOf(f)))];

    /// <summary>The form's named fields, grouped by name: a repeated name or a select[multiple] is one multi-valued field.</summary>
    public static IReadOnlyList<FormField> FieldsOf(IElement form)
    {
        var elements = form.QuerySelectorAll("input[name], select[name], textarea[name], button[name]")
            .Where(e => e.GetAttribute("name") != "__RequestVerificationToken")
            .ToList();
        return [.. elements.GroupBy(e => e.GetAttribute("name")!, StringComparer.Ordinal).Select(g => Describe(g.Key, [.. g]))];
    }

    private static FormField Describe(string name, List<IElement> elements)
    {
        var first = elements[0];
        var multiple = elements.Count > 1 || elements.Any(e => e.HasAttribute("multiple"));
        switch (first)
        {
            case IHtmlButtonElement:
                return new FormField(name, FieldKind.Command, [.. elements.Select(e => e.GetAttribute("value") ?? "")], multiple, []);
            case IHtmlSelectElement select:
                var options = select.Options.Select(o => o.Value).ToList();
                var selected = select.Options.Where(o => o.IsSelected).Select(o => o.Value).ToList();
                if (selected.Count == 0 && !select.IsMultiple && options.Count > 0)
                {
                    // A browser posts the first option of a single select when none is marked.
                    selected.Add(options[0]);
                }

                var ids = (name.EndsWith("Id", StringComparison.Ordinal) || name.EndsWith("Ids", StringComparison.Ordinal))
                    && options.Where(o => o.Length > 0).All(o => int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out _));
                return new FormField(name, ids ? FieldKind.Id : FieldKind.Code, options, multiple, selected);
            case IHtmlTextAreaElement area:
                return new FormField(name, FieldKind.Text, [], multiple, [area.Value]);
            case IHtmlInputElement:
                var inputs = elements.OfType<IHtmlInputElement>().ToList();
                var type = (first.GetAttribute("type") ?? "text").ToLowerInvariant();
                if (type is "checkbox" or "radio")
                {
                    var values = inputs.Select(i => i.Value).ToList();
                    var checkedValues = inputs.Where(i => i.IsChecked).Select(i => i.Value).ToList();
                    return values.All(v => v == "true")
                        ? new FormField(name, FieldKind.Flag, ["true", "false"], false, checkedValues)
                        : new FormField(name, FieldKind.Code, values, type == "checkbox", checkedValues);
                }

                var kind = type switch
                {
                    "date" => FieldKind.Date,
                    "number" => FieldKind.Number,
                    "hidden" => FieldKind.Hidden,
                    _ when first.GetAttribute("inputmode") is "numeric" or "decimal" => FieldKind.Number,
                    _ => FieldKind.Text,
                };
                return new FormField(name, kind, [], multiple, [.. inputs.Select(i => i.Value)]);
            default:
                return new FormField(name, FieldKind.Text, [], multiple, []);
        }
    }
}

/// <summary>
/// The app's POST actions, read from its own endpoint data, named as the authorization matrix names
/// them ("Controller.Action POST"), with a matcher from a form's action path to its action.
/// </summary>
public sealed class PostActions
{
    private readonly List<(string Key, string Controller, string Action, string[] Segments)> _routes = [];

    public PostActions(IServiceProvider services)
    {
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var descriptor = endpoint.Metadata.GetMetadata<ControllerActionDescriptor>();
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            if (descriptor is null || methods is null || !methods.Contains("POST") || endpoint.RoutePattern.RawText is not { } raw)
            {
                continue;
            }

            _routes.Add(($"{descriptor.ControllerName}.{descriptor.ActionName} {string.Join(",", methods)}", descriptor.ControllerName,
                descriptor.ActionName, raw.Trim('/').Split('/')));
        }
    }

    public IEnumerable<string> Keys => _routes.Select(r => r.Key);

    /// <summary>The action a form posting to <paramref name="path"/> reaches, with its route values; literal segments win over parameters.</summary>
    public (string Key, string Controller, string Action, Dictionary<string, string> Values)? Match(string path)
    {
        var segments = new PathString(path.Split('?')[0]).Value!.Trim('/').Split('/');
        var best = default((string Key, string Controller, string Action, Dictionary<string, string> Values)?);
        var bestLiterals = -1;
        foreach (var (key, controller, action, pattern) in _routes)
        {
            if (pattern.Length != segments.Length)
            {
                continue;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var literals = 0;
            var matches = true;
            for (var i = 0; i < pattern.Length && matches; i++)
            {
                var part = pattern[i];
                if (part.StartsWith('{') && part.EndsWith('}'))
                {
                    var name = part[1..^1].Split(':', 2);
                    var constraint = name.Length > 1 ? name[1] : null;
                    matches = segments[i].Length > 0 && constraint switch
                    {
                        "int" => int.TryParse(segments[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
                        "guid" => Guid.TryParse(segments[i], out _),
                        _ => true,
                    };
                    values[name[0].TrimEnd('?')] = Uri.UnescapeDataString(segments[i]);
                }
                else
                {
                    matches = string.Equals(part, segments[i], StringComparison.OrdinalIgnoreCase);
                    literals++;
                }
            }

            if (matches && literals > bestLiterals)
            {
                best = (key, controller, action, values);
                bestLiterals = literals;
            }
        }

        return best;
    }
}

/// <summary>A form found on a page, for one signed-in user, with the action it posts to.</summary>
public sealed record FoundForm(string Who, HttpClient Client, string Page, PostForm Form, string Key, string Controller, string ActionName,
    IReadOnlyDictionary<string, string> RouteValues);

/// <summary>
/// Finds the forms that post by reading pages as each user sees them: the start pages (the
/// authorization matrix's pages), then the links on them within the same area, to a small depth.
/// A page shape (its path with numbers and GUIDs as placeholders) is read once per user.
/// </summary>
public static class SiteCrawler
{
    private static readonly string[] NotPages = ["/logg-ut", "/sprak", "/api/", "/reports/", "/import/mal", "/import/eksport", "/historikk/"];

    public static async Task<List<FoundForm>> FindFormsAsync(PostActions actions, IEnumerable<(string Who, HttpClient Client, IReadOnlyList<string> StartPages)> users, int depth)
    {
        var found = new List<FoundForm>();
        foreach (var (who, client, startPages) in users)
        {
            // A shape counts as seen once a page of it was read; a start page that answered 404 leaves its shape to the links.
            var seenShapes = new HashSet<string>(StringComparer.Ordinal);
            var seenPages = new HashSet<string>(StringComparer.Ordinal);
            var level = startPages.Where(p => !NotPages.Any(n => p.StartsWith(n, StringComparison.Ordinal))).Distinct(StringComparer.Ordinal).ToList();
            for (var d = 0; d <= depth && level.Count > 0; d++)
            {
                var next = new List<string>();
                var queued = new HashSet<string>(StringComparer.Ordinal);
                foreach (var page in level.Where(seenPages.Add))
                {
                    var response = await client.GetAsync(new Uri(page, UriKind.Relative));
                    if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "text/html")
                    {
                        continue;
                    }

                    seenShapes.Add(Shape(page));

                    var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
                    foreach (var form in PostForm.On(document, page))
                    {
                        if (actions.Match(form.Action) is { } match)
                        {
                            found.Add(new FoundForm(who, client, page, form, match.Key, match.Controller, match.Action, match.Values));
                        }
                    }

                    var area = Area(page);
                    next.AddRange(document.QuerySelectorAll("main a[href]").Select(a => a.GetAttribute("href")!)
                        .Where(href => href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && Area(href) == area
                            && !NotPages.Any(n => href.StartsWith(n, StringComparison.Ordinal)) && !href.Contains('.', StringComparison.Ordinal))
                        .Select(href => href.Split('#')[0])
                        .Where(href => !seenShapes.Contains(Shape(href)) && queued.Add(Shape(href))));
                }

                level = next;
            }
        }

        return found;
    }

    /// <summary>The path with numbers and GUIDs replaced, and without the query: one page of each shape is enough.</summary>
    public static string Shape(string url) =>
        string.Join('/', url.Split('?')[0].Split('/').Select(s => s.Length > 0 && (s.All(char.IsAsciiDigit) || Guid.TryParse(s, out _)) ? "{n}" : s));

    private static string Area(string url) => url.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
}
