using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Tests.Rules;

public class MobilityIdTests
{
    private const string FormatMessage =
        "Mobilitets-ID-en må ha formen NNNNNN-MOB-NNNNN, for eksempel 000123-MOB-00001.";

    [Theory]
    [InlineData("000123-MOB-00001")]
    [InlineData("999999-MOB-99999")]
    public void Accepts_six_digits_MOB_and_five_digits(string value)
    {
        Assert.True(MobilityId.IsValid(value));
        Assert.Null(MobilityId.Validate(value));
    }

    [Theory]
    [InlineData("00123-MOB-00001")]
    [InlineData("000123-MOB-0001")]
    [InlineData("0000123-MOB-00001")]
    [InlineData("000123-MOB-000001")]
    [InlineData("000123-mob-00001")]
    [InlineData("000123-MOV-00001")]
    [InlineData("000123MOB00001")]
    [InlineData(" 000123-MOB-00001")]
    [InlineData("000123-MOB-00001\n")]
    [InlineData("٠٠٠١٢٣-MOB-٠٠٠٠١")]
    public void Rejects_mobility_id_in_another_shape(string value)
    {
        Assert.False(MobilityId.IsValid(value));
        Assert.Equal(new RuleViolation("MobilityId", FormatMessage), MobilityId.Validate(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Requires_mobility_id_to_be_filled_in(string? value)
    {
        Assert.False(MobilityId.IsValid(value));
        Assert.Equal(new RuleViolation("MobilityId", "Mobilitets-ID-en må fylles ut."), MobilityId.Validate(value));
    }

    [Theory]
    [InlineData("ActivityId")]
    public void Reports_violation_on_the_field_the_caller_names(string field)
    {
        Assert.Equal(field, MobilityId.Validate("x", field)?.Field);
    }
}
