using AngleSharp.Html.Dom;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Tests.Mobilities;

/// <summary>The details page: every field, the connected records, and whether (and why not) the mobility counts in a target.</summary>
public sealed class MobilityDetailsTests(MobilityDetailsTests.Records records) : IClassFixture<MobilityDetailsTests.Records>
{
    [Fact]
    public async Task Details_show_every_field_with_links_to_the_project_and_organisations_and_the_history()
    {
        Mobility mobility;
        await using (var db = records.CreateDbContext())
        {
            var project = await db.Projects.SingleAsync(p => p.Id == records.VetProject.Id);
            var activity = await db.ActivityTypes.SingleAsync(a => a.Code == "LM-SHORT-VET");
            mobility = Mobility.Register(project, activity, new MobilityDetails("000777-MOB-00001", ParticipantGroup.Learner, MobilityDirection.Outgoing, 3,
                records.School.Id, records.German.Id, "NO", "DE", new DateOnly(2021, 10, 4), new DateOnly(2021, 10, 22), true, false, true, MobilityStatus.Realised),
                DateTimeOffset.UtcNow);
            db.Mobilities.Add(mobility);
            await db.SaveChangesAsync();
        }

        var page = await DetailsAsync(mobility.Id);

        var facts = Facts(page);
        Assert.Equal("Mobilitet 000777-MOB-00001", page.QuerySelector("h1")!.TextContent);
        Assert.StartsWith(records.VetProject.Reference, facts["Prosjekt"], StringComparison.Ordinal);
        Assert.Equal("Kortvarig mobilitet for elever og lærlinger (LM-SHORT-VET)", facts["Aktivitetstype"]);
        Assert.Equal("Elev, lærling eller deltaker", facts["Deltakergruppe"]);
        Assert.Equal("Utgående", facts["Retning"]);
        Assert.Equal("3", facts["Antall deltakere"]);
        Assert.Equal(records.School.Name, facts["Avsenderorganisasjon"]);
        Assert.Equal(records.German.Name, facts["Mottakerorganisasjon"]);
        Assert.Equal(("Norge", "Tyskland"), (facts["Avsenderland"], facts["Mottakerland"]));
        Assert.Equal(("04.10.2021", "22.10.2021", "19 dager"), (facts["Startdato"], facts["Sluttdato"], facts["Varighet"]));
        Assert.Equal(("Ja", "Nei", "Ja"), (facts["Færre muligheter"], facts["Grønn reise"], facts["Blandet mobilitet"]));
        Assert.Equal("Gjennomført", facts["Status"]);
        Assert.NotNull(page.QuerySelector($"dl.facts a[href='/prosjekter/{records.VetProject.Id}']"));
        Assert.NotNull(page.QuerySelector($"dl.facts a[href='/organisasjoner/{records.School.Id}']"));
        Assert.NotNull(page.QuerySelector($"dl.facts a[href='/organisasjoner/{records.German.Id}']"));
        Assert.NotNull(page.QuerySelector($"a[href='/historikk/Mobility/{mobility.Id}']"));
        Assert.Equal("Teller: 3 deltakere på realisert grunnlag.", page.QuerySelector("#target-counting")!.TextContent);
        Assert.Contains("Elever og lærlinger i fag- og yrkesopplæring på utveksling", page.QuerySelector(".counting-targets")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LM-SHORT-VET", ParticipantGroup.AccompanyingPerson, MobilityDirection.Outgoing, MobilityStatus.Realised, "Ledsagere telles aldri")]
    [InlineData("OA-INV-EXP", ParticipantGroup.Other, MobilityDirection.Incoming, MobilityStatus.Realised, "Innkommende mobiliteter vises, men telles aldri")]
    [InlineData("LM-SHORT-VET", ParticipantGroup.Learner, MobilityDirection.Outgoing, MobilityStatus.Planned, "Mobiliteten er planlagt; på realisert grunnlag telles bare gjennomførte mobiliteter.")]
    [InlineData("LM-SHORT-VET", ParticipantGroup.Learner, MobilityDirection.Outgoing, MobilityStatus.Cancelled, "Mobiliteten er avlyst")]
    [InlineData("PREP-VISIT", ParticipantGroup.Staff, MobilityDirection.Outgoing, MobilityStatus.Realised, "Aktivitetstypen PREP-VISIT inngår ikke i noe nasjonalt mobilitetsmål for sektoren VET.")]
    public async Task A_mobility_that_does_not_count_says_why(string activity, ParticipantGroup group, MobilityDirection direction, MobilityStatus status, string reason)
    {
        int id;
        await using (var db = records.CreateDbContext())
        {
            var project = await db.Projects.SingleAsync(p => p.Id == records.VetProject.Id);
            id = (await new TestData(db).MobilityAsync(project, activity, 2, group, direction, status, days: activity == "PREP-VISIT" ? 3 : 14)).Id;
        }

        var page = await DetailsAsync(id);

        Assert.Equal("Teller ikke i et nasjonalt mål på realisert grunnlag:", page.QuerySelector("#target-counting")!.TextContent);
        Assert.Contains(page.QuerySelectorAll(".counting-reasons li"), li => li.TextContent.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_mobility_is_404()
    {
        var client = await records.ClientAsync();

        var response = await client.GetAsync(new Uri("/mobiliteter/999999", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<IHtmlDocument> DetailsAsync(int id) => await AppFixture.GetDocumentAsync(await records.ClientAsync(), $"/mobiliteter/{id}");

    private static Dictionary<string, string> Facts(IHtmlDocument page) =>
        page.QuerySelectorAll("dl.facts dt").ToDictionary(dt => dt.TextContent.Trim(), dt => dt.NextElementSibling!.TextContent.Trim());

    public sealed class Records : AppFixture
    {
        private HttpClient? _client;

        public Organisation School { get; private set; } = null!;
        public Organisation German { get; private set; } = null!;
        public Project VetProject { get; private set; } = null!;

        public async Task<HttpClient> ClientAsync() => _client ??= await SignInAsAsync(TestRoles.Analyst);

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            School = await data.OrganisationAsync("46");
            German = await data.ForeignOrganisationAsync("DE");
            VetProject = await data.ProjectAsync(School);
        }
    }
}
