using Erasmus.Domain.Entities;

namespace Erasmus.Domain.Tests.Entities;

/// <summary>
/// Reference data (DOMAIN.md, "Reference data"): counties in two structures, activity types whose duration
/// rules change with the calls, countries and topics.
/// </summary>
public class ReferenceDataTests
{
    [Theory]
    [InlineData("2019-12-31", false)]
    [InlineData("2020-01-01", true)]
    [InlineData("2023-12-31", true)] // Viken's last day
    [InlineData("2024-01-01", false)]
    public void A_dissolved_county_is_in_force_from_its_first_to_its_last_day(string date, bool inForce)
    {
        var viken = new County("30", "Viken", new DateOnly(2020, 1, 1), new DateOnly(2023, 12, 31), true, "30");

        Assert.Equal(inForce, viken.IsInForceOn(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_county_of_today_is_in_force_without_end_and_keeps_its_update()
    {
        var akershus = new County("32", "Akershus", new DateOnly(2024, 1, 1), null, true, "30");

        Assert.False(akershus.IsInForceOn(new DateOnly(2023, 12, 31)));
        Assert.True(akershus.IsInForceOn(new DateOnly(2099, 1, 1)));
        akershus.Update("Akershus fylke", new DateOnly(2024, 1, 2), new DateOnly(2030, 1, 1), false, "03");
        Assert.Equal(("32", "Akershus fylke", new DateOnly(2024, 1, 2), (DateOnly?)new DateOnly(2030, 1, 1), false, "03"),
            (akershus.Number, akershus.Name, akershus.ValidFrom, akershus.ValidTo, akershus.IsCountyAuthority, akershus.PartOf2020CountyNumber));
    }

    [Fact]
    public void The_duration_rule_is_the_newest_valid_from_the_call_year_or_earlier()
    {
        var activity = new ActivityType("LM-SHORT-VET", "Kort", "Short", "learner", ["VET"]);
        activity.SetRule(2021, 10, 89);
        activity.SetRule(2024, 10, 60);

        Assert.Null(activity.RuleFor(2020));
        Assert.Equal(89, activity.RuleFor(2021)!.MaxDays);
        Assert.Equal(89, activity.RuleFor(2023)!.MaxDays);
        Assert.Equal(60, activity.RuleFor(2024)!.MaxDays);
        Assert.Equal(60, activity.RuleFor(2027)!.MaxDays);
    }

    [Fact]
    public void A_second_rule_for_the_same_call_year_changes_the_first()
    {
        var activity = new ActivityType("LM-SHORT-VET", "Kort", "Short", "learner", ["VET"]);
        var first = activity.SetRule(2021, 10, 89);

        var second = activity.SetRule(2021, 12, 80);

        Assert.Same(first, second);
        Assert.Equal(("LM-SHORT-VET", 2021, 12, 80), (second.ActivityTypeCode, second.ValidFromCallYear, second.MinDays, second.MaxDays));
        Assert.Single(activity.DurationRules);
    }

    [Theory]
    [InlineData(2021, 0, 10, "Ugyldig varighet for LM-SHORT-VET: 0–10 dager.")]
    [InlineData(2021, 10, 9, "Ugyldig varighet for LM-SHORT-VET: 10–9 dager.")]
    [InlineData(2013, 10, 89, "Utlysningsåret må være mellom 2014 og 2027.")]
    [InlineData(2028, 10, 89, "Utlysningsåret må være mellom 2014 og 2027.")]
    [InlineData(2014, 1, 1, null)]
    [InlineData(2027, 10, 10, null)]
    public void A_duration_rule_has_at_least_one_day_a_maximum_from_the_minimum_and_a_call_year_of_erasmus_plus(int callYear, int min, int max, string? message)
    {
        if (message is null)
        {
            var rule = new ActivityTypeRule("LM-SHORT-VET", callYear, min, max);
            Assert.Equal((callYear, min, max), (rule.ValidFromCallYear, rule.MinDays, rule.MaxDays));
        }
        else
        {
            Assert.Equal(message, Assert.Single(Assert.Throws<DomainException>(() => new ActivityTypeRule("LM-SHORT-VET", callYear, min, max)).Violations).Message);
        }
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 9)]
    public void A_duration_rule_refuses_an_impossible_change(int min, int max)
    {
        var rule = new ActivityTypeRule("LM-SHORT-VET", 2021, 10, 89);

        Assert.Throws<DomainException>(() => rule.Update(min, max));

        Assert.Equal((10, 89), (rule.MinDays, rule.MaxDays));
    }

    [Fact]
    public void A_rule_may_change_to_exactly_one_day()
    {
        var rule = new ActivityTypeRule("LM-SHORT-VET", 2021, 5, 6);

        rule.Update(1, 1);

        Assert.Equal((1, 1), (rule.MinDays, rule.MaxDays));
    }

    [Fact]
    public void Activities_countries_and_topics_keep_their_updates()
    {
        var activity = new ActivityType("LM-GRP-PUPIL", "Gruppe", "Group", "learner", ["SCH"]);
        var country = new Country("SE", "Sverige", "Sweden", true);
        var topic = new Topic("inclusion", "Inkludering", "Inclusion");

        activity.Update("Gruppemobilitet", "Group mobility", "staff", ["SCH", "ADU"]);
        country.Update("Kongeriket Sverige", "Kingdom of Sweden", false);
        topic.Update("Inkludering og mangfold", "Inclusion and diversity");

        Assert.Equal(("LM-GRP-PUPIL", "Gruppemobilitet", "Group mobility", "staff", true), (activity.Code, activity.NameNb, activity.NameEn, activity.ParticipantGroup, activity.IsGroupActivity));
        Assert.Equal(["SCH", "ADU"], activity.Sectors);
        Assert.Equal(("SE", "Kongeriket Sverige", "Kingdom of Sweden", false), (country.Code, country.NameNb, country.NameEn, country.IsProgrammeCountry));
        Assert.Equal(("inclusion", "Inkludering og mangfold", "Inclusion and diversity"), (topic.Code, topic.NameNb, topic.NameEn));
        Assert.False(new ActivityType("LM-SHORT-VET", "Kort", "Short", "learner", ["VET"]).IsGroupActivity);
    }
}
