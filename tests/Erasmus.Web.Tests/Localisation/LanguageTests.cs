using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Localisation;

public sealed partial class LanguageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Bokmal_is_the_default_and_english_is_remembered_once_chosen()
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);
        var before = await AppFixture.GetDocumentAsync(client, "/mal?AsOf=2021-09-30");

        var switched = await AppFixture.PostFormAsync(client, "/mal", "/sprak", new() { ["culture"] = "en-GB", ["returnUrl"] = "/mal?AsOf=2021-09-30" });
        var after = await AppFixture.GetDocumentAsync(client, "/mal?AsOf=2021-09-30");

        Assert.Equal("nb", before.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Hopp til hovedinnholdet", before.QuerySelector(".skip-link")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/mal?AsOf=2021-09-30", switched.Headers.Location!.OriginalString);
        Assert.Equal("en", after.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Skip to main content", after.QuerySelector(".skip-link")!.TextContent);
        Assert.StartsWith("Target attainment", after.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Numbers_and_percentages_are_formatted_for_the_culture()
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);

        var bokmal = await AppFixture.GetDocumentAsync(client, "/mal?AsOf=2021-09-30");
        await AppFixture.PostFormAsync(client, "/mal", "/sprak", new() { ["culture"] = "en-GB", ["returnUrl"] = "/" });
        var english = await AppFixture.GetDocumentAsync(client, "/mal?AsOf=2021-09-30");

        // The VET target: "10 000" with a (non-breaking) space in bokmål, "10,000" in English; a share "15,0 %" and "15.0%".
        Assert.Matches(@"av 10\s000\s", Card(bokmal, "MOB-VET-LEARNERS"));
        Assert.Matches(@"of 10,000\s", Card(english, "MOB-VET-LEARNERS"));
        Assert.Matches(@"0,0\s% av 15,0\s%", Card(bokmal, "PART-WORKING-LIFE-SHARE"));
        Assert.Matches(@"0\.0% of 15\.0%", Card(english, "PART-WORKING-LIFE-SHARE"));
    }

    /// <summary>Every literal key passed to the localiser in a view or class has an English translation.</summary>
    [Fact]
    public void Every_ui_string_has_an_english_translation()
    {
        var web = WebProjectFolder();
        var translated = ResourceNames().ToHashSet(StringComparer.Ordinal);
        var missing = Directory.EnumerateFiles(web, "*.cshtml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LocaliserKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(web, f), Key: Regex.Unescape(m.Groups[1].Value))))
            .Where(k => !translated.Contains(k.Key))
            .Select(k => $"{k.File}: {k.Key}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(missing.Count == 0, $"{missing.Count} UI strings lack an English translation in Resources/SharedResource.en.resx:\n" + string.Join("\n", missing.Take(200)));
    }

    /// <summary>
    /// The resource compiler keeps one of two names that differ only in case (warning MSB3568) and the
    /// lookup of the other then falls back to bokmål, so "Tildelt" and "tildelt" cannot both be keys.
    /// </summary>
    [Fact]
    public void No_two_translations_differ_only_in_case()
    {
        var clashes = ResourceNames()
            .GroupBy(name => name, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => string.Join(" / ", g))
            .ToList();

        Assert.True(clashes.Count == 0, "Names that differ only in case: " + string.Join("; ", clashes));
    }

    /// <summary>
    /// Every message written where a rule, the import or a controller speaks to the user has an English
    /// text: the literal ones by name, the ones with values by their pattern ({0} where a value stands),
    /// as <see cref="Erasmus.Web.Features.Shared.MessageTranslation"/> looks them up.
    /// </summary>
    [Fact]
    public void Every_message_to_the_user_has_an_english_translation()
    {
        var translated = ResourceNames().ToHashSet(StringComparer.Ordinal);
        var source = Path.GetDirectoryName(WebProjectFolder())!;
        var messages = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f =>
            {
                var text = File.ReadAllText(f);
                return MessageSite().Matches(text).SelectMany(m => CSharpLiterals.OfStatement(text, m.Index + m.Length))
                    .Select(message => (File: Path.GetRelativePath(source, f), Message: message));
            })
            .Where(m => m.Message.Contains(' ', StringComparison.Ordinal) && m.Message.Any(char.IsLower))
            .ToList();
        var missing = messages.Where(m => !translated.Contains(m.Message)).Select(m => $"{m.File}: {m.Message}").Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.True(messages.Count > 150, $"Only {messages.Count} messages found: has the way messages are written changed?");
        Assert.True(missing.Count == 0, $"{missing.Count} messages lack an English text in Resources/SharedResource.en.resx:\n" + string.Join("\n", missing));
    }

    private static IEnumerable<string> ResourceNames() =>
        XDocument.Load(Path.Combine(WebProjectFolder(), "Resources", "SharedResource.en.resx")).Root!.Elements("data").Select(d => (string)d.Attribute("name")!);

    [GeneratedRegex("""new RuleViolation\(|AddModelError\(|\bFail\(|AddDuplicate\(|TempData\["Message"\] = |\bNotice\(|\.RequiredText\(|new Concurrency\(|new Deletion<\w+>\(|new ImportFileException\(|const string \w*Message = """)]
    private static partial Regex MessageSite();

    private static string WebProjectFolder() => Path.Combine(AppProcess.RepositoryRoot(), "src", "Erasmus.Web");

    private static string Card(AngleSharp.Html.Dom.IHtmlDocument page, string code) =>
        page.QuerySelectorAll(".target-card").Single(c => c.QuerySelector($"a[href^='/mal/{code}?']") is not null).TextContent;

    // T["…"] in views and classes, and [Label("…")] on form properties (FieldTagHelper passes it through the localiser).
    [GeneratedRegex("""(?:\bT\[|\[Label\()"((?:[^"\\]|\\.)*)"[\],)]""")]
    private static partial Regex LocaliserKey();
}
