using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Tests.Rules;

public class AccreditationCodeTests
{
    private const string FormatMessage =
        "Akkrediteringsnummeret må ha formen ÅÅÅÅ-R-NO01-KA120-SEK-NNNNNNNNN, for eksempel 2020-1-NO01-KA120-VET-095178.";

    [Theory]
    [InlineData("2020-1-NO01-KA120-VET-095178", 2020, 1, "VET", "095178")]
    [InlineData("2020-1-NO01-KA120-SCH-095001", 2020, 1, "SCH", "095001")]
    [InlineData("2021-1-NO01-KA120-ADU-000025000", 2021, 1, "ADU", "000025000")]
    [InlineData("2025-2-NO01-KA120-SCH-000300123", 2025, 2, "SCH", "000300123")]
    public void Parses_valid_accreditation_code_into_its_parts(
        string value, int callYear, int round, string sector, string serial)
    {
        Assert.True(AccreditationCode.TryParse(value, out var code));
        Assert.Equal(new AccreditationCode(callYear, round, sector, serial), code);
        Assert.Equal(value, code.ToString());
        Assert.Null(AccreditationCode.Validate(value));
    }

    [Theory]
    [InlineData(" 2020-1-no01-ka120-vet-095178 ", "2020-1-NO01-KA120-VET-095178")]
    public void Parses_lenient_input_into_the_canonical_form(string value, string canonical)
    {
        Assert.True(AccreditationCode.TryParse(value, out var code));
        Assert.Equal(canonical, code.ToString());
    }

    [Theory]
    [InlineData("2020-1-NO01-KA120-VET")]
    [InlineData("2020-1-NO01-KA120-VET-09517X")]
    [InlineData("2020-0-NO01-KA120-VET-095178")]
    [InlineData("KA120-VET-095178")]
    public void Rejects_accreditation_code_in_the_wrong_shape(string value)
    {
        Assert.False(AccreditationCode.TryParse(value, out var code));
        Assert.Null(code);
        Assert.Equal(new RuleViolation("Code", FormatMessage), AccreditationCode.Validate(value));
    }

    [Theory]
    [InlineData("2021-1-NO01-KA121-VET-000012345", "Akkrediteringsnummeret må ha tiltaket KA120, ikke KA121.")]
    [InlineData("2021-1-NO01-KA220-VET-000012345", "Akkrediteringsnummeret må ha tiltaket KA120, ikke KA220.")]
    [InlineData("2021-1-NO01-KA120-HED-000012345", "Akkrediteringsnummeret har sektor HED; akkreditering gis bare for SCH, VET og ADU.")]
    [InlineData("2021-1-NO01-KA120-YOU-000012345", "Akkrediteringsnummeret har sektor YOU; akkreditering gis bare for SCH, VET og ADU.")]
    [InlineData("2020-1-DK01-KA120-VET-095178", "Akkrediteringsnummeret må ha det norske nasjonale kontoret NO01, ikke DK01.")]
    [InlineData("2019-1-NO01-KA120-VET-095178", "Akkrediteringsnummeret har søknadsår 2019, men Erasmus-akkreditering (KA120) finnes fra 2020.")]
    [InlineData("2020-1-NO01-KA120-VET-000095178", "Løpenummeret i akkrediteringsnummeret må ha 6 sifre for søknadsår før 2021.")]
    [InlineData("2021-1-NO01-KA120-VET-095178", "Løpenummeret i akkrediteringsnummeret må ha 9 sifre for søknadsår 2021 og senere.")]
    public void Rejects_accreditation_code_with_a_wrong_part_and_says_which(string value, string message)
    {
        Assert.False(AccreditationCode.TryParse(value, out _));
        Assert.Equal(new RuleViolation("Code", message), AccreditationCode.Validate(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Requires_accreditation_code_to_be_filled_in(string? value)
    {
        Assert.False(AccreditationCode.TryParse(value, out _));
        Assert.Equal(new RuleViolation("Code", "Akkrediteringsnummeret må fylles ut."), AccreditationCode.Validate(value));
    }

    [Theory]
    [InlineData("AccreditationCode")]
    public void Reports_violation_on_the_field_the_caller_names(string field)
    {
        Assert.Equal(field, AccreditationCode.Validate("x", field)?.Field);
    }
}
