using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Tests.Rules;

public class CentralisedGrantNumberTests
{
    [Theory]
    [InlineData("101055859")]
    [InlineData("000000001")]
    public void Accepts_nine_digit_EU_grant_number(string value)
    {
        Assert.True(CentralisedGrantNumber.IsValid(value));
        Assert.Null(CentralisedGrantNumber.Validate(value));
    }

    [Theory]
    [InlineData("10105585")]
    [InlineData("1010558590")]
    [InlineData("101 055 859")]
    [InlineData(" 101055859")]
    [InlineData("10105585X")]
    [InlineData("2021-1-NO01-KA220-VET-000012345")]
    [InlineData("١٠١٠٥٥٨٥٩")]
    public void Rejects_grant_number_that_is_not_exactly_nine_digits(string value)
    {
        Assert.False(CentralisedGrantNumber.IsValid(value));
        Assert.Equal(
            new RuleViolation("Reference", "EU-prosjektnummeret må ha 9 sifre, for eksempel 101055859."),
            CentralisedGrantNumber.Validate(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Requires_grant_number_to_be_filled_in(string? value)
    {
        Assert.False(CentralisedGrantNumber.IsValid(value));
        Assert.Equal(
            new RuleViolation("Reference", "EU-prosjektnummeret må fylles ut."),
            CentralisedGrantNumber.Validate(value));
    }

    [Theory]
    [InlineData("GrantNumber")]
    public void Reports_violation_on_the_field_the_caller_names(string field)
    {
        Assert.Equal(field, CentralisedGrantNumber.Validate("1", field)?.Field);
    }
}
