using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Tests.Entities;

/// <summary>
/// A target's rules (DOMAIN.md, "Targets"): titles in both languages and a counting rule; a value history in
/// which the value in force on a date is the newest effective on or before it (mid-term revisions).
/// </summary>
public class StrategyTargetTests
{
    private static StrategyTarget Target() =>
        new("PART-COVE", TargetArea.Partnerships, "Sentre for yrkesfaglig fortreffelighet", "Centres of vocational excellence", TargetUnit.Projects,
            "centralised-projects", """{"action":"CoVE"}""", 12, "Antall CoVE-prosjekter med norsk deltakelse");

    [Fact]
    public void A_target_keeps_what_it_was_given()
    {
        var target = Target();

        Assert.Equal(("PART-COVE", TargetArea.Partnerships, TargetUnit.Projects, 12), (target.Code, target.Area, target.Unit, target.SortOrder));
        Assert.Equal(("Sentre for yrkesfaglig fortreffelighet", "Centres of vocational excellence"), (target.TitleNb, target.TitleEn));
        Assert.Equal(("centralised-projects", """{"action":"CoVE"}""", "Antall CoVE-prosjekter med norsk deltakelse"),
            (target.MetricKind, target.MetricParameters, target.RuleDescription));
    }

    [Theory]
    [InlineData("", "Title", "partnerships")]
    [InlineData("Tittel", " ", "partnerships")]
    [InlineData("Tittel", "Title", "")]
    [InlineData("Tittel", "Title", "no-such-kind")]
    public void A_target_needs_both_titles_and_a_counting_rule(string titleNb, string titleEn, string kind)
    {
        var target = Target();

        var refused = Assert.Throws<DomainException>(() => target.Update(TargetArea.Mobility, titleNb, titleEn, TargetUnit.Participants, kind, "{}", 1, ""));

        Assert.Equal("Et mål må ha tittel på bokmål og engelsk og en beregningsregel.", Assert.Single(refused.Violations).Message);
        Assert.Equal(("Centres of vocational excellence", TargetUnit.Projects), (target.TitleEn, target.Unit));
    }

    [Fact]
    public void The_value_in_force_is_the_newest_on_or_before_the_date_and_the_first_before_any()
    {
        var target = Target();
        Assert.Null(target.ValueOn(new DateOnly(2024, 1, 1)));
        target.SetValue(7, new DateOnly(2024, 7, 1), "Midtveisrevisjon");
        target.SetValue(5, new DateOnly(2021, 1, 1), null);

        Assert.Equal(5, target.ValueOn(new DateOnly(2020, 6, 1))!.Value);
        Assert.Equal(5, target.ValueOn(new DateOnly(2024, 6, 30))!.Value);
        Assert.Equal(7, target.ValueOn(new DateOnly(2024, 7, 1))!.Value);
        Assert.Equal("Midtveisrevisjon", target.ValueOn(new DateOnly(2030, 1, 1))!.Note);
    }

    [Fact]
    public void A_second_value_for_the_same_date_replaces_the_first()
    {
        var target = Target();
        var first = target.SetValue(5, new DateOnly(2021, 1, 1), "Strategien");

        var second = target.SetValue(6, new DateOnly(2021, 1, 1), "Rettet");

        Assert.Same(first, second);
        Assert.Equal((6m, "Rettet"), (Assert.Single(target.Values).Value, target.Values[0].Note));
        Assert.Equal((target.Id, new DateOnly(2021, 1, 1), ""), (second.StrategyTargetId, second.EffectiveFrom, second.CreatedBy));
    }

    public static TheoryData<decimal, string, string?, RuleViolation?> Values => new()
    {
        { 0m, "2021-01-01", null, new RuleViolation("Value", "Målverdien må være større enn null.") },
        { -1m, "2021-01-01", null, new RuleViolation("Value", "Målverdien må være større enn null.") },
        { 0.1m, "2021-01-01", null, null },
        { 10_000_000m, "2021-01-01", null, null },
        { 10_000_000.01m, "2021-01-01", null, new RuleViolation("Value", "Målverdien kan være høyst 10 000 000.") },
        { 5m, "2013-12-31", null, new RuleViolation("EffectiveFrom", "Datoen målverdien gjelder fra må være mellom 01.01.2014 og 31.12.2035.") },
        { 5m, "2021-01-01", "Linje én\nlinje to", null },
        { 5m, "2021-01-01", "Skjult\u202Etegn", new RuleViolation("Note", "Teksten kan ikke inneholde kontrolltegn eller usynlige tegn som endrer skriveretningen.") },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_value_is_above_zero_at_most_ten_million_on_a_plausible_date_with_a_plain_note(decimal value, string from, string? note, RuleViolation? violation)
    {
        var target = Target();
        var effectiveFrom = DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture);

        if (violation is null)
        {
            Assert.Equal(value, target.SetValue(value, effectiveFrom, note).Value);
        }
        else
        {
            Assert.Equal([violation], Assert.Throws<DomainException>(() => target.SetValue(value, effectiveFrom, note)).Violations);
            Assert.Empty(target.Values);
        }
    }
}
