using System.Globalization;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Tests.Rules;

/// <summary>
/// The plausible values of DOMAIN.md, refused by the entities every path shares (issue #15): dates from
/// 2014-01-01 to 2035-12-31, call years 2014–2027 with a start no earlier than the year before, grants
/// 0–100 000 000 euro, awarded numbers 0–10 000; and names without control or direction characters.
/// </summary>
public class PlausibleValuesTests
{
    private const string DateRange = "må være mellom 01.01.2014 og 31.12.2035.";

    private static ProjectDetails Details(string start = "2022-09-01", string end = "2024-08-31", string? decision = "2022-07-01", decimal grant = 60000m, int callYear = 2022) =>
        new($"{callYear}-1-NO01-KA122-VET-000012345", ProjectAction.KA122, Sector.VET, callYear, 1, CoordinatorId: 1, D(start), D(end),
            decision is null ? null : D(decision), decision is null ? ProjectStatus.Applied : ProjectStatus.Granted, grant, false, false, false, null);

    [Theory]
    [InlineData("0001-01-01", "2024-08-31", "2022-07-01", "StartDate", "Startdato " + DateRange)]
    [InlineData("2013-12-31", "2024-08-31", "2022-07-01", "StartDate", "Startdato " + DateRange)]
    [InlineData("2022-09-01", "2036-01-01", "2022-07-01", "EndDate", "Sluttdato " + DateRange)]
    [InlineData("2022-09-01", "9999-12-31", "2022-07-01", "EndDate", "Sluttdato " + DateRange)]
    [InlineData("2022-09-01", "2024-08-31", "0001-01-01", "DecisionDate", "Vedtaksdato " + DateRange)]
    [InlineData("2022-09-01", "2024-08-31", "2035-12-31", null, null)]
    [InlineData("2021-01-01", "2035-12-31", "2014-01-01", null, null)]
    [InlineData("2020-12-31", "2024-08-31", "2022-07-01", "StartDate", "Startdato kan ikke være før 01.01.2021: et prosjekt starter tidligst året før utlysningsåret (2022).")]
    public void A_project_refuses_dates_outside_the_plausible_range(string start, string end, string decision, string? field, string? message)
    {
        var violations = Project.Check(Details(start, end, decision));

        Assert.Equal(field is null ? [] : [new RuleViolation(field, message!)], violations);
    }

    [Fact]
    public void The_earliest_start_follows_the_call_year()
    {
        Assert.DoesNotContain(Project.Check(Details(start: "2013-01-01", end: "2016-08-31", decision: null, callYear: 2014)),
            v => v.Message.StartsWith("Startdato kan ikke", StringComparison.Ordinal));
        Assert.Contains(new RuleViolation("StartDate", "Startdato " + DateRange), Project.Check(Details(start: "2013-01-01", end: "2016-08-31", decision: null, callYear: 2014)));
        Assert.Empty(Project.Check(Details(start: "2026-01-01", end: "2028-08-31", decision: null, callYear: 2027)));
    }

    [Theory]
    [InlineData("-0.01", false)]
    [InlineData("0", true)]
    [InlineData("100000000", true)]
    [InlineData("100000000.01", false)]
    [InlineData("1000000000000", false)]
    public void A_grant_is_from_0_to_100_million_euro(string grant, bool accepted)
    {
        var violations = Project.Check(Details(grant: decimal.Parse(grant, CultureInfo.InvariantCulture)));

        Assert.Equal(accepted ? [] : [new RuleViolation("GrantEur", "Tilskuddet må være mellom 0 og 100 000 000 euro.")], violations);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(10_000, true)]
    [InlineData(10_001, false)]
    [InlineData(int.MaxValue, false)]
    [InlineData(-1, false)]
    public void An_awarded_number_is_from_0_to_10_000(int participants, bool accepted)
    {
        var project = new Project(Details());

        var set = () => project.SetAwardedMobilities(new Dictionary<string, int> { ["LM-SHORT-VET"] = 4, ["SM-JOB-SHDW"] = participants });

        if (accepted)
        {
            set();
            Assert.Equal(participants == 0 ? 1 : 2, project.AwardedMobilities.Count);
        }
        else
        {
            var violation = Assert.Single(Assert.Throws<DomainException>(set).Violations);
            Assert.Equal(new RuleViolation("AwardedMobilities", "Antall tildelte mobiliteter per aktivitetstype må være mellom 0 og 10 000."), violation);
            Assert.Empty(project.AwardedMobilities);
        }
    }

    [Theory]
    [InlineData("0001-01-01", "2027-12-31", "2021-01-15", "ValidFrom", "Gyldig fra " + DateRange)]
    [InlineData("2021-02-01", "9999-12-31", "2021-01-15", "ValidTo", "Gyldig til " + DateRange)]
    [InlineData("2021-02-01", "2027-12-31", "0001-01-01", "DecisionDate", "Vedtaksdato " + DateRange)]
    [InlineData("2021-02-01", null, "2021-01-15", null, null)]
    public void An_accreditation_refuses_dates_outside_the_plausible_range(string from, string? to, string decided, string? field, string? message)
    {
        var create = () => new Accreditation("2021-1-NO01-KA120-VET-000012345", Sector.VET, 1, false, D(from), to is null ? null : D(to), AccreditationStatus.Active, D(decided));

        if (field is null)
        {
            Assert.Equal(D(from), create().ValidFrom);
        }
        else
        {
            Assert.Equal([new RuleViolation(field, message!)], Assert.Throws<DomainException>(create).Violations);
        }
    }

    [Theory]
    [InlineData(10_000_000, "2024-01-01", null)]
    [InlineData(10_000_001, "2024-01-01", "Målverdien kan være høyst 10 000 000.")]
    [InlineData(100, "2013-12-31", "Datoen målverdien gjelder fra " + DateRange)]
    [InlineData(100, "2036-01-01", "Datoen målverdien gjelder fra " + DateRange)]
    public void A_target_value_is_plausible(int value, string from, string? message)
    {
        var target = new StrategyTarget("T", TargetArea.Mobility, "Mål", "Target", TargetUnit.Participants, "mobility-participants", "{}", 1, "");

        var set = () => target.SetValue(value, D(from), "Midtveisrevisjon");

        if (message is null)
        {
            Assert.Equal(value, set().Value);
        }
        else
        {
            Assert.Equal(message, Assert.Single(Assert.Throws<DomainException>(set).Violations).Message);
        }
    }

    [Theory]
    [InlineData(2013, false)]
    [InlineData(2014, true)]
    [InlineData(2027, true)]
    [InlineData(2028, false)]
    public void A_duration_rule_is_valid_from_a_plausible_call_year(int callYear, bool accepted)
    {
        var create = () => new ActivityTypeRule("LM-SHORT-VET", callYear, 10, 89);

        if (accepted)
        {
            Assert.Equal(callYear, create().ValidFromCallYear);
        }
        else
        {
            Assert.Equal("Utlysningsåret må være mellom 2014 og 2027.", Assert.Single(Assert.Throws<DomainException>(create).Violations).Message);
        }
    }

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
