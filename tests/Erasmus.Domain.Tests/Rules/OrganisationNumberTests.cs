using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Tests.Rules;

public class OrganisationNumberTests
{
    // Check digits computed with weights 3,2,7,6,5,4,3,2 (see the remainder column).
    [Theory]
    [InlineData("974760673")] // remainder 8 -> check digit 3
    [InlineData("923609016")] // remainder 5 -> check digit 6
    [InlineData("923609040")] // remainder 0 -> check digit 0
    [InlineData("923609091")] // remainder 10 -> check digit 1
    [InlineData("923609059")] // remainder 2 -> check digit 9
    public void Accepts_organisation_number_with_correct_check_digit(string value)
    {
        Assert.True(OrganisationNumber.IsValid(value));
        Assert.Null(OrganisationNumber.Validate(value));
    }

    [Theory]
    [InlineData("974760674")]
    [InlineData("923609017")]
    [InlineData("923609041")] // remainder 0 needs check digit 0, not 1
    [InlineData("923609050")]
    public void Rejects_organisation_number_with_wrong_check_digit(string value)
    {
        Assert.False(OrganisationNumber.IsValid(value));
        Assert.Equal(
            new RuleViolation("OrganisationNumber", "Organisasjonsnummeret har feil kontrollsiffer."),
            OrganisationNumber.Validate(value));
    }

    [Theory]
    [InlineData("923609130")]
    [InlineData("923609131")]
    [InlineData("923609139")]
    public void Rejects_every_number_whose_first_eight_digits_give_remainder_1(string value)
    {
        Assert.False(OrganisationNumber.IsValid(value));
        Assert.Equal("Organisasjonsnummeret har feil kontrollsiffer.", OrganisationNumber.Validate(value)?.Message);
    }

    [Theory]
    [InlineData("97476067")]
    [InlineData("9747606730")]
    [InlineData("974 760 673")]
    [InlineData("97476067A")]
    [InlineData("NO974760673")]
    [InlineData("974-760-673")]
    [InlineData("٩٧٤٧٦٠٦٧٣")] // Arabic-Indic digits are digits to char.IsDigit, not to the register
    public void Rejects_organisation_number_that_is_not_nine_digits(string value)
    {
        Assert.False(OrganisationNumber.IsValid(value));
        Assert.Equal("Organisasjonsnummeret må ha 9 sifre.", OrganisationNumber.Validate(value)?.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Requires_organisation_number_to_be_filled_in(string? value)
    {
        Assert.False(OrganisationNumber.IsValid(value));
        Assert.Equal(
            new RuleViolation("OrganisationNumber", "Organisasjonsnummeret må fylles ut."),
            OrganisationNumber.Validate(value));
    }

    [Theory]
    [InlineData("PartnerOrganisationNumber")]
    [InlineData("Number")]
    public void Reports_violation_on_the_field_the_caller_names(string field)
    {
        Assert.Equal(field, OrganisationNumber.Validate("974760674", field)?.Field);
    }

    [Theory]
    [InlineData("974 760 673", "974760673")]
    [InlineData(" 974760673 ", "974760673")]
    [InlineData("974\u00a0760\u00a0673", "974760673")] // non-breaking spaces, as in formatted documents
    [InlineData("974760673", "974760673")]
    [InlineData("", "")]
    public void Normalise_removes_spaces(string value, string expected)
    {
        Assert.Equal(expected, OrganisationNumber.Normalise(value));
    }

    [Theory]
    [InlineData("97476067", "974760673")]
    [InlineData("92360901", "923609016")]
    [InlineData("92360904", "923609040")]
    [InlineData("92360909", "923609091")]
    public void Computes_the_check_digit_for_eight_digits(string firstEight, string expected)
    {
        Assert.Equal(expected, OrganisationNumber.WithCheckDigit(firstEight));
        Assert.True(OrganisationNumber.TryWithCheckDigit(firstEight, out var number));
        Assert.Equal(expected, number);
        Assert.True(OrganisationNumber.IsValid(number));
    }

    [Theory]
    [InlineData("92360913")] // remainder 1
    [InlineData("9236091")]
    [InlineData("923609130")]
    [InlineData("9236091A")]
    [InlineData("")]
    public void Refuses_to_compute_a_check_digit_when_no_valid_number_exists(string firstEight)
    {
        Assert.Throws<ArgumentException>(() => OrganisationNumber.WithCheckDigit(firstEight));
        Assert.False(OrganisationNumber.TryWithCheckDigit(firstEight, out var number));
        Assert.Equal("", number);
    }

    [Fact]
    public void Every_number_built_with_a_check_digit_is_valid_and_every_other_last_digit_is_not()
    {
        // Property check over a range of prefixes: exactly one last digit is valid, or none for remainder 1.
        for (var prefix = 92360900; prefix < 92361000; prefix++)
        {
            var firstEight = prefix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var validLastDigits = Enumerable.Range(0, 10).Count(d => OrganisationNumber.IsValid(firstEight + d));
            if (OrganisationNumber.TryWithCheckDigit(firstEight, out var number))
            {
                Assert.Equal(1, validLastDigits);
                Assert.True(OrganisationNumber.IsValid(number));
            }
            else
            {
                Assert.Equal(0, validLastDigits);
            }
        }
    }
}
