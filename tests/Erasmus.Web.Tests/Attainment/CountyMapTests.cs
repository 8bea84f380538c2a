using System.Net;
using System.Xml.Linq;
using AngleSharp.Dom;
using Erasmus.Domain.Attainment;
using Erasmus.Web.Features.Attainment;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Attainment;

/// <summary>
/// The county map on the dashboard and a target's page, on the hand-counted dataset of
/// <see cref="CountyViewTests"/> without population figures (as of 2021-09-30, VET learners: Vestland 18,
/// Rogaland 8, Viken 7 of the national 33; from 2024 the Akershus school's 7 are Akershus's).
/// </summary>
public sealed class CountyMapTests(CountyViewTests.HandCountedCounties data) : IClassFixture<CountyViewTests.HandCountedCounties>
{
    private static readonly string[] Counties2020 = ["03", "11", "15", "18", "30", "34", "38", "42", "46", "50", "54"];
    private static readonly string[] Counties2024 = ["03", "11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46", "50", "55", "56"];

    [Theory]
    [InlineData("/mal?AsOf=2021-09-30", 2020)]
    [InlineData("/mal?AsOf=2023-12-31", 2020)]
    [InlineData("/mal?AsOf=2024-01-01", 2024)]
    [InlineData("/mal?AsOf=2021-09-30&Structure=today", 2024)]
    [InlineData("/mal/MOB-VET-LEARNERS?AsOf=2021-09-30", 2020)]
    [InlineData("/mal/MOB-VET-LEARNERS?AsOf=2025-03-01", 2024)]
    public async Task The_map_has_a_tile_per_county_of_the_structure_the_page_shows(string page, int structure)
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var document = await AppFixture.GetDocumentAsync(client, page);

        var tiles = document.QuerySelectorAll("svg.tile-map-svg a.tile").Select(a => a.GetAttribute("data-county")!).Order(StringComparer.Ordinal);
        Assert.Equal(structure == 2020 ? Counties2020 : Counties2024, tiles);
        Assert.Equal(structure == 2020 ? 11 : 15, document.QuerySelectorAll("details.map-table tbody tr").Length);
    }

    [Fact]
    public async Task Every_tile_links_to_the_county_view_and_carries_its_figure_and_share_in_text()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var target = await AppFixture.GetDocumentAsync(client, "/mal/MOB-VET-LEARNERS?AsOf=2021-09-30");
        var dashboard = await AppFixture.GetDocumentAsync(client, "/mal?AsOf=2021-09-30&MapTarget=MOB-VET-LEARNERS");

        // Vestland 18 of 33 = 54.5 %; Rogaland 8 = 24.2 %; Viken 7 = 21.2 %; Oslo none.
        Assert.Equal(("18", "54,5 % av landet"), TileText(target, "46"));
        Assert.Equal(("8", "24,2 % av landet"), TileText(target, "11"));
        Assert.Equal(("7", "21,2 % av landet"), TileText(target, "30"));
        Assert.Equal(("0", "0,0 % av landet"), TileText(target, "03"));
        Assert.StartsWith("/mal/MOB-VET-LEARNERS?AsOf=2021-09-30&Basis=awarded&Structure=asof&County=46&", Tile(target, "46").GetAttribute("href"), StringComparison.Ordinal);
        Assert.StartsWith("/mal?AsOf=2021-09-30&Basis=awarded&Structure=asof&County=46&", Tile(dashboard, "46").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("MapTarget=MOB-VET-LEARNERS", Tile(dashboard, "46").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("Vestland 18 54,5 % av landet", Tile(target, "46").GetAttribute("aria-label"));

        // The table alternative holds the same figures.
        var row = target.QuerySelector("details.map-table tr[data-county='46']")!;
        Assert.Equal(["18", "54,5 %", "–", "–", "–"], row.QuerySelectorAll("td.num").Select(td => Clean(td.TextContent)));
        Assert.Equal("/mal/MOB-VET-LEARNERS?AsOf=2021-09-30&Basis=awarded&Structure=asof&County=46&Sector=&MapTarget=MOB-VET-LEARNERS&MapColour=figures",
            row.QuerySelector("a")!.GetAttribute("href"));

        // A county chosen on the dashboard is marked on the map, and following a tile keeps the same map.
        var county = await AppFixture.GetDocumentAsync(client, Tile(dashboard, "46").GetAttribute("href")!);
        Assert.Equal("true", Tile(county, "46").GetAttribute("aria-current"));
        Assert.Contains("Elever og lærlinger i fag- og yrkesopplæring", county.QuerySelector("#tile-map-heading")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_population_figures_the_map_says_colouring_is_unavailable_and_shows_figures_only()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, "/mal/MOB-VET-LEARNERS?AsOf=2021-09-30&MapColour=rate");

        Assert.Contains("krever befolkningstall for målets gruppe, som ikke er lastet", page.QuerySelector(".tile-map .map-note")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll(".map-choices input[value='rate'], .map-choices input[value='status']"));
        Assert.Equal("Ikke fargelagt: krever befolkningstall.", page.QuerySelector("svg.tile-map-svg g.legend text:nth-of-type(2)")!.TextContent);
        Assert.All(page.QuerySelectorAll("svg.tile-map-svg a.tile rect"), rect => Assert.Equal("#ffffff", rect.GetAttribute("fill")));
    }

    [Fact]
    public async Task Todays_structure_before_2024_puts_the_akershus_school_on_akershus()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, "/mal/MOB-VET-LEARNERS?AsOf=2021-09-30&Structure=today");

        Assert.Equal(("7", "21,2 % av landet"), TileText(page, "32"));
        Assert.Null(page.QuerySelector("svg.tile-map-svg a.tile[data-county='30']"));
    }

    [Fact]
    public async Task The_map_downloads_as_svg_and_png_named_by_the_pages_filters()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);
        const string query = "?AsOf=2021-09-30&Basis=awarded&Structure=asof&County=46&Sector=VET&MapTarget=MOB-VET-LEARNERS&MapColour=figures";

        var svg = await client.GetAsync(new Uri("/mal/MOB-VET-LEARNERS/kart.svg" + query, UriKind.Relative));
        var png = await client.GetAsync(new Uri("/mal/MOB-VET-LEARNERS/kart.png" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        Assert.Equal("fylkeskart-mob-vet-learners-tall-2021-09-30-tildelt-fylke-46-vestland-sektor-vet-fylker-per-dato.svg", svg.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var drawing = XDocument.Parse(await svg.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.w3.org/2000/svg";
        var tiles = drawing.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "tile").ToList();
        Assert.Equal(11, tiles.Count);
        Assert.Empty(drawing.Descendants(ns + "a"));
        Assert.Contains(tiles, g => g.Descendants(ns + "tspan").Select(t => t.Value).SequenceEqual(["Vestland", "18", "54,5 % av landet"]));
        Assert.Equal("Fylkeskart: Elever og lærlinger i fag- og yrkesopplæring på utveksling", drawing.Root!.Element(ns + "title")!.Value);

        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal("fylkeskart-mob-vet-learners-tall-2021-09-30-tildelt-fylke-46-vestland-sektor-vet-fylker-per-dato.png", png.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var bytes = await png.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
        // Twice the SVG's width: the PNG's header holds its width in bytes 16–19.
        Assert.Equal(TileMapSvg.Width * 2, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);

        await AppFixture.PostFormAsync(client, "/mal", "/sprak", new() { ["culture"] = "en-GB", ["returnUrl"] = "/" });
        var english = await client.GetAsync(new Uri("/mal/MOB-VET-LEARNERS/kart.png" + query.Replace("County=46", "County=", StringComparison.Ordinal), UriKind.Relative));
        Assert.Equal("county-map-mob-vet-learners-figures-2021-09-30-awarded-all-norway-sector-vet-counties-as-of-date.png", english.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
    }

    [Fact]
    public async Task The_page_links_its_downloads_with_every_filter()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, "/mal?AsOf=2021-09-30&Sector=VET&MapTarget=MOB-VET-LEARNERS");

        var links = page.QuerySelectorAll(".tile-map .downloads a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([
            "/mal/MOB-VET-LEARNERS/kart.svg?AsOf=2021-09-30&Basis=awarded&Structure=asof&County=&Sector=VET&MapTarget=MOB-VET-LEARNERS&MapColour=figures",
            "/mal/MOB-VET-LEARNERS/kart.png?AsOf=2021-09-30&Basis=awarded&Structure=asof&County=&Sector=VET&MapTarget=MOB-VET-LEARNERS&MapColour=figures"], links);
    }

    [Theory]
    [InlineData("/mal/MOB-VET-LEARNERS/kart.svg?County=99", HttpStatusCode.BadRequest)]
    [InlineData("/mal/MOB-VET-LEARNERS/kart.png?Basis=nonsense", HttpStatusCode.BadRequest)]
    [InlineData("/mal/NO-SUCH-TARGET/kart.svg", HttpStatusCode.NotFound)]
    [InlineData("/mal/MOB-SCH-PUPILS/kart.svg?Sector=VET", HttpStatusCode.NotFound)]
    public async Task A_download_with_bad_parameters_is_refused(string url, HttpStatusCode expected)
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        Assert.Equal(expected, (await client.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public void Every_fill_the_map_uses_has_text_of_at_least_four_and_a_half_to_one()
    {
        var fills = Enumerable.Range(1, 6).SelectMany(TileColours.Scale)
            .Concat(new AttainmentStatus?[] { AttainmentStatus.Ahead, AttainmentStatus.OnTrack, AttainmentStatus.Behind, AttainmentStatus.AtRisk, AttainmentStatus.Reached, null }
                .Select(TileColours.Status))
            .Append(TileColours.White)
            .Distinct();

        Assert.All(fills, fill => Assert.True(TileColours.ContrastRatio(fill, TileColours.TextOn(fill)) >= 4.5, fill));
        // The arithmetic itself: black on white is 21:1, and the brand blue #003a70 on white (1.05 / 0.092) 11.4:1.
        Assert.Equal(21, TileColours.ContrastRatio("#000000", "#ffffff"), 1);
        Assert.Equal(11.4, TileColours.ContrastRatio("#003a70", "#ffffff"), 1);
    }

    [Fact]
    public void Each_structure_has_its_own_cells_and_an_unknown_county_goes_in_a_row_below()
    {
        var before = TileLayout.Place(Counties2020);
        var since = TileLayout.Place(Counties2024);
        var future = TileLayout.Place([.. Counties2024, "99"]);

        Assert.Equal(11, before.Select(t => (t.Column, t.Row)).Distinct().Count());
        Assert.Equal(15, since.Select(t => (t.Column, t.Row)).Distinct().Count());
        // North at the top: Troms og Finnmark above Nordland above Agder; Vestland west of Oslo.
        var cell = before.ToDictionary(t => t.Number);
        Assert.True(cell["54"].Row < cell["18"].Row && cell["18"].Row < cell["42"].Row);
        Assert.True(cell["46"].Column < cell["03"].Column);
        Assert.Equal((0, since.Max(t => t.Row) + 1), future.Where(t => t.Number == "99").Select(t => (t.Column, t.Row)).Single());
        Assert.Equal(since, future.Where(t => t.Number != "99"));
    }

    internal static IElement Tile(IDocument page, string county)
    {
        var tile = page.QuerySelector($"svg.tile-map-svg a.tile[data-county='{county}']");
        Assert.True(tile is not null, $"no tile for {county}");
        return tile;
    }

    internal static (string Figure, string Detail) TileText(IDocument page, string county)
    {
        var tile = Tile(page, county);
        return (Clean(tile.QuerySelector("tspan.figure")!.TextContent), Clean(tile.QuerySelector("tspan.detail")!.TextContent));
    }

    private static string Clean(string text) => text.Replace('\u00a0', ' ').Replace('\u202f', ' ').Trim();
}
