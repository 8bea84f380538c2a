using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Tests.Rules;

public class OrganisationIdTests
{
    private const string FormatMessage = "OID må være E fulgt av 8 sifre, for eksempel E10123456.";

    [Theory]
    [InlineData("E10123456")]
    [InlineData("E00000000")]
    [InlineData("E99999999")]
    public void Accepts_E_followed_by_eight_digits(string value)
    {
        Assert.True(OrganisationId.IsValid(value));
        Assert.Null(OrganisationId.Validate(value));
    }

    [Theory]
    [InlineData("e10123456")] // lower case is only valid after Normalise
    [InlineData(" E10123456")]
    [InlineData("E1012345")]
    [InlineData("E101234567")]
    [InlineData("10123456")]
    [InlineData("F10123456")]
    [InlineData("E1012345X")]
    [InlineData("EE0123456")]
    [InlineData("E٠١٢٣٤٥٦٧")]
    public void Rejects_anything_but_E_and_eight_digits(string value)
    {
        Assert.False(OrganisationId.IsValid(value));
        Assert.Equal(new RuleViolation("Oid", FormatMessage), OrganisationId.Validate(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Requires_OID_to_be_filled_in(string? value)
    {
        Assert.False(OrganisationId.IsValid(value));
        Assert.Equal(new RuleViolation("Oid", "OID må fylles ut."), OrganisationId.Validate(value));
    }

    [Theory]
    [InlineData("PartnerOid")]
    public void Reports_violation_on_the_field_the_caller_names(string field)
    {
        Assert.Equal(field, OrganisationId.Validate("X", field)?.Field);
    }

    [Theory]
    [InlineData("e10123456", "E10123456")]
    [InlineData("  E10123456 ", "E10123456")]
    [InlineData("\te10123456\n", "E10123456")]
    [InlineData("E10123456", "E10123456")]
    public void Normalise_trims_and_upper_cases_so_the_result_validates(string value, string expected)
    {
        var normalised = OrganisationId.Normalise(value);
        Assert.Equal(expected, normalised);
        Assert.True(OrganisationId.IsValid(normalised));
    }
}
