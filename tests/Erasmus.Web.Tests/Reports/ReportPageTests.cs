using System.Text.RegularExpressions;
using Erasmus.Web.Tests.Attainment;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Reports;

/// <summary>
/// The printable report page with the demo data: its sentences give HK-dir's published 2021 status
/// (seed 001, chapter 4; hand-counted in DOMAIN.md), in the chapter's order, in both languages.
/// </summary>
public sealed partial class ReportPageTests(PublishedFiguresTests.DemoApp app) : IClassFixture<PublishedFiguresTests.DemoApp>
{
    private const string Query = "/rapport?asOf=2021-09-30&basis=awarded";

    [Theory]
    [InlineData("MOB-VET-LEARNERS", "Per 30. september 2021 er det tildelt midler til 573 elever og lærlinger i fag- og yrkesopplæring, 5,7 % av målet på 10 000.")]
    [InlineData("MOB-ADU-ALL", "Per 30. september 2021 er det tildelt midler til 149 ansatte og deltakere i voksenopplæringen, 11,9 % av målet på 1 250.")]
    [InlineData("MOB-SCH-PUPILS", "Per 30. september 2021 er det tildelt midler til 1 346 elever i barne-, ungdoms- og studiespesialiserende videregående skole, 17,9 % av målet på 7 500.")]
    [InlineData("MOB-SCH-STAFF", "Per 30. september 2021 er det tildelt midler til 329 ansatte i barnehage, barne-, ungdoms- og studiespesialiserende videregående skole, 9,4 % av målet på 3 500.")]
    [InlineData("COUNTY-ACCREDITED-2-SECTORS", "Per 30. september 2021 er 4 av 10 fylkeskommuner akkreditert i minst to sektorer (40,0 %), og ytterligere 4 i én sektor.")]
    [InlineData("PART-WORKING-LIFE-SHARE", "Per 30. september 2021 har 17 av 28 norskkoordinerte partnerskap (60,7 %) minst én aktør fra arbeids- og næringslivet. Det er over målet på 15,0 %.")]
    [InlineData("PART-NEWCOMER-COORDINATORS", "Per 30. september 2021 koordinerer 10 organisasjoner uten tidligere deltakelse i Erasmus+ et partnerskap, 13,3 % av målet på 75.")]
    [InlineData("PART-SPORT-ORGS", "Per 30. september 2021 deltar 16 organisasjoner fra idrettssektoren i partnerskap, 22,9 % av målet på 70.")]
    [InlineData("PART-COVE", "Per 30. september 2021 deltar norske institusjoner som koordinator eller partner i 4 sentre for fremragende fag- og yrkesopplæring (CoVE), 80,0 % av målet på 5.")]
    public async Task Each_target_has_sentences_with_the_published_2021_figures(string code, string sentence)
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, Query);

        var text = Spaces(page.QuerySelector($"p[data-code='{code}']")!.TextContent);
        Assert.StartsWith(sentence, text, StringComparison.Ordinal);
        Assert.InRange(SentenceEnd().Count(text), 2, 3);
    }

    [Fact]
    public async Task A_count_target_says_how_it_stands_against_the_line_and_why_it_is_not_projected()
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, Query);

        // The sentence repeats the table's "expected by now", whatever its arithmetic.
        var expected = Spaces(page.QuerySelector("tr[data-code='MOB-VET-LEARNERS'] td:nth-of-type(4)")!.TextContent);
        Assert.Contains($"burde tallet nå vært {expected}; status er «I fare».", Spaces(page.QuerySelector("p[data-code='MOB-VET-LEARNERS']")!.TextContent), StringComparison.Ordinal);
        Assert.Contains("for tidlig å fremskrive", page.QuerySelector("p[data-code='MOB-VET-LEARNERS']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chapter_follows_the_order_of_the_2021_report_with_tables_figures_method_and_caveats()
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, Query);

        Assert.Equal(["4.1 Status for mobilitet", "4.2 Status for partnerskap for samarbeid", "4.3 Status for arbeidet med samfunnsutfordringer",
                "4.4 Utvikling etter utlysningsår og fylke", "Metode", "Forbehold"],
            page.QuerySelectorAll("main h2").Select(h => h.TextContent.Trim()));
        Assert.Equal("Tabell 4.1 Mobilitet – mål og status per september 2021", Spaces(page.QuerySelector("table caption")!.TextContent).Trim());
        var figures = page.QuerySelectorAll("figure.report-figure figcaption").Select(f => f.TextContent.Trim()).ToList();
        Assert.Equal(["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7"], figures.Take(7).Select(f => f.Split(' ')[1]));
        Assert.StartsWith("Figur 4.1 Måloppnåelse for utveksling per 30. september 2021", figures[0], StringComparison.Ordinal);
        Assert.Contains(figures, f => f.StartsWith("Figur 4.2 Akkrediteringer per fylke og sektor", StringComparison.Ordinal));
        foreach (var svg in page.QuerySelectorAll("figure.report-figure svg"))
        {
            // A text alternative: the title and a description naming every value.
            Assert.Equal("img", svg.GetAttribute("role"));
            var ids = svg.GetAttribute("aria-labelledby")!.Split(' ');
            Assert.All(ids, id => Assert.False(string.IsNullOrWhiteSpace(page.GetElementById(id)?.TextContent)));
        }

        var vetFigure = page.QuerySelector("#figur-4-1 desc")!.TextContent;
        Assert.Contains("Elever og lærlinger i fag- og yrkesopplæring på utveksling: Status 573", Spaces(vetFigure), StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("#forbehold ~ ul li, section[aria-labelledby='forbehold'] li"), li => li.TextContent.Contains("28 norskkoordinerte partnerskap", StringComparison.Ordinal));
        Assert.Contains(page.QuerySelectorAll(".method dt"), dt => dt.TextContent == "Grunnlag");
    }

    [Fact]
    public async Task English_users_get_the_chapter_in_english()
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, Query + "&culture=en-GB&ui-culture=en-GB");

        Assert.Equal("Participation in numbers and figures", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.StartsWith("As of 30 September 2021, funding has been awarded for 573 VET learners and apprentices, 5.7% of the target of 10,000.",
            Spaces(page.QuerySelector("p[data-code='MOB-VET-LEARNERS']")!.TextContent), StringComparison.Ordinal);
        Assert.Equal("4.1 Status of mobility", page.QuerySelector("main h2")!.TextContent.Trim());
        Assert.StartsWith("Figure 4.1 Attainment of the mobility targets", page.QuerySelector("figcaption")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("asOf=not-a-date")]
    [InlineData("basis=planned")]
    public async Task Bad_parameters_get_a_message_and_the_default_report(string query)
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);

        var response = await client.GetAsync(new Uri("/rapport?" + query, UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("4.1 Status for mobilitet", body, StringComparison.Ordinal);
        Assert.Contains("error-summary", body, StringComparison.Ordinal);
    }

    /// <summary>Non-breaking and narrow spaces (thousands, "5,7 %") read as plain spaces.</summary>
    private static string Spaces(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ').Trim();

    [GeneratedRegex(@"[.!?](\s+[A-ZÆØÅ]|\s*$)")]
    private static partial Regex SentenceEnd();
}
