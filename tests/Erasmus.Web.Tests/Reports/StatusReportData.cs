using System.Net;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Features.Attainment;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Erasmus.Web.Tests.Reports;

/// <summary>
/// A small dataset touching every counting rule the data sheets repeat: awarded lines that count and
/// lines that do not (late decision, previous period, staff in a VET project), mobility records of
/// every kind that does not count, a county of the 2024 structure (Akershus, part of Viken in 2021),
/// partnerships with a newcomer, a sport club, a CoVE and a project with a flag.
/// </summary>
public sealed class StatusReportData : AppFixture
{
    public const string AsOf = "2021-09-30";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = CreateDbContext();
        var data = new TestData(db);
        var school = await data.OrganisationAsync("46", firstParticipationYear: 2015, name: "Bergen katedralskole");
        var rogaland = await data.OrganisationAsync("11", name: "Stavanger offentlige skole");
        var akershus = await data.OrganisationAsync("32", name: "Asker videregående skole");
        var newcomer = await data.OrganisationAsync("46", OrganisationType.AssociationOrNgo, "Vestland Ungdomsforum", firstParticipationYear: null);
        var sportClub = await data.OrganisationAsync("03", OrganisationType.SportOrganisation, "Oslo Idrettslag", firstParticipationYear: null);
        var company = await data.ForeignOrganisationAsync("DE", OrganisationType.Company);
        var foreignSchool = await data.ForeignOrganisationAsync("ES", OrganisationType.UpperSecondarySchool);
        var authority = await data.OrganisationAsync("46", OrganisationType.CountyAuthority, "Vestland fylkeskommune");
        await data.AccreditationAsync(authority, Sector.VET, consortium: true);
        await data.AccreditationAsync(authority, Sector.SCH, consortium: true);
        var rogalandAuthority = await data.OrganisationAsync("11", OrganisationType.CountyAuthority, "Rogaland fylkeskommune");
        await data.AccreditationAsync(rogalandAuthority, Sector.VET, consortium: true);

        var vestlandVet = await data.ProjectAsync(school, ProjectAction.KA122, Sector.VET, 2021, decided: new DateOnly(2021, 7, 15), greenTravel: true,
            awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 10, ["LM-LONG-VET"] = 2, ["SM-JOB-SHDW"] = 9 });
        await data.ProjectAsync(rogaland, ProjectAction.KA121, Sector.VET, 2021, decided: new DateOnly(2021, 8, 1), awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 8 });
        await data.ProjectAsync(rogaland, ProjectAction.KA122, Sector.VET, 2021, decided: new DateOnly(2021, 11, 20), awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 5 });
        await data.ProjectAsync(rogaland, ProjectAction.KA122, Sector.VET, 2020, decided: new DateOnly(2020, 7, 1), awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 40 });
        var schoolSch = await data.ProjectAsync(school, ProjectAction.KA122, Sector.SCH, 2021, decided: new DateOnly(2021, 7, 1),
            awarded: new Dictionary<string, int> { ["SM-JOB-SHDW"] = 6, ["LM-GRP-PUPIL"] = 30 });
        var akershusSch = await data.ProjectAsync(akershus, ProjectAction.KA122, Sector.SCH, 2021, decided: new DateOnly(2021, 7, 1),
            awarded: new Dictionary<string, int> { ["LM-GRP-PUPIL"] = 12 });
        await data.ProjectAsync(newcomer, ProjectAction.KA220, Sector.SCH, 2021, decided: new DateOnly(2021, 8, 20), partners: [company, foreignSchool], topics: ["inclusion"]);
        await data.ProjectAsync(foreignSchool, ProjectAction.KA210, Sector.ADU, 2021, decided: new DateOnly(2021, 8, 20), partners: [rogaland]);
        await data.ProjectAsync(sportClub, ProjectAction.KA210, Sector.SPORT, 2021, decided: new DateOnly(2021, 8, 20), partners: [foreignSchool]);
        await data.ProjectAsync(company, ProjectAction.CoVE, Sector.VET, 2021, decided: new DateOnly(2021, 6, 1), partners: [school]);

        var start = new DateOnly(2021, 10, 1);
        await data.MobilityAsync(vestlandVet, participants: 3, start: start, mobilityId: "000001-MOB-00001");
        await data.MobilityAsync(vestlandVet, participants: 4, start: start.AddDays(20), mobilityId: "000001-MOB-00002");
        await data.MobilityAsync(vestlandVet, participants: 1, group: ParticipantGroup.AccompanyingPerson, start: start, mobilityId: "000001-MOB-00003");
        await data.MobilityAsync(vestlandVet, participants: 2, status: MobilityStatus.Planned, start: start, mobilityId: "000001-MOB-00004");
        await data.MobilityAsync(vestlandVet, participants: 2, status: MobilityStatus.Cancelled, start: start, mobilityId: "000001-MOB-00005");
        await data.MobilityAsync(vestlandVet, "OA-INV-EXP", participants: 1, group: ParticipantGroup.Other, direction: MobilityDirection.Incoming, start: start, days: 5,
            mobilityId: "000001-MOB-00006");
        await data.MobilityAsync(vestlandVet, participants: 5, start: new DateOnly(2022, 8, 1), mobilityId: "000001-MOB-00007");
        await data.MobilityAsync(schoolSch, "LM-GRP-PUPIL", participants: 10, start: new DateOnly(2022, 3, 1), days: 6, mobilityId: "000002-MOB-00001");
        await data.MobilityAsync(schoolSch, "SM-JOB-SHDW", participants: 1, group: ParticipantGroup.Staff, start: new DateOnly(2022, 3, 1), days: 5, mobilityId: "000002-MOB-00002");
        await data.MobilityAsync(akershusSch, "LM-GRP-PUPIL", participants: 6, start: new DateOnly(2022, 4, 1), days: 5, mobilityId: "000003-MOB-00001");
    }

    /// <summary>The engine's figures for the same parameters, as the dashboard gets them.</summary>
    public async Task<AttainmentResult> EngineAsync(string query)
    {
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        var attainmentQuery = new AttainmentUrlParameters
        {
            AsOf = parsed.TryGetValue("asOf", out var asOf) ? DateOnly.Parse(asOf!, System.Globalization.CultureInfo.InvariantCulture) : null,
            Basis = parsed.TryGetValue("basis", out var basis) ? basis.ToString() : null,
            County = parsed.TryGetValue("county", out var county) ? county.ToString() : null,
            Sector = parsed.TryGetValue("sector", out var sector) ? Enum.Parse<Sector>(sector!) : null,
        };
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AttainmentService>().ComputeAsync(attainmentQuery.ToParameters(DateOnly.FromDateTime(DateTime.Today)));
    }

    /// <summary>Downloads /reports/status.xlsx with the query, checking it is an .xlsx attachment.</summary>
    public static async Task<byte[]> DownloadAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync(new Uri("/reports/status.xlsx?" + query, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /reports/status.xlsx?{query} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
