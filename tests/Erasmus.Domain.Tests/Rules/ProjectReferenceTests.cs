using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Tests.Rules;

public class ProjectReferenceTests
{
    private const string FormatMessage =
        "Prosjektnummeret må ha formen ÅÅÅÅ-R-NO01-KAnnn-SEK-NNNNNNNNN, for eksempel 2021-1-NO01-KA121-VET-000012345.";

    [Theory]
    [InlineData("2021-1-NO01-KA121-VET-000012345", 2021, 1, "KA121", "VET", "000012345")]
    [InlineData("2022-2-NO01-KA122-SCH-000098765", 2022, 2, "KA122", "SCH", "000098765")]
    [InlineData("2023-1-NO01-KA131-HED-000111222", 2023, 1, "KA131", "HED", "000111222")]
    [InlineData("2021-3-NO01-KA153-YOU-000000001", 2021, 3, "KA153", "YOU", "000000001")]
    [InlineData("2024-1-NO01-KA182-SPO-000123456", 2024, 1, "KA182", "SPO", "000123456")]
    [InlineData("2021-1-NO01-KA220-ADU-000033333", 2021, 1, "KA220", "ADU", "000033333")]
    [InlineData("2020-1-NO01-KA229-SCH-071234", 2020, 1, "KA229", "SCH", "071234")] // previous period: 6-digit serial
    [InlineData("2014-1-NO01-KA101-SCH-000001", 2014, 1, "KA101", "SCH", "000001")]
    [InlineData("2021-1-DE02-KA220-ADU-000033333", 2021, 1, "KA220", "ADU", "000033333", "DE02")]
    public void Parses_valid_project_number_into_its_parts(
        string value, int callYear, int round, string action, string sector, string serial, string agency = "NO01")
    {
        Assert.True(ProjectReference.TryParse(value, out var reference));
        Assert.Equal(new ProjectReference(callYear, round, agency, action, sector, serial), reference);
        Assert.Equal(value, reference.ToString());
        Assert.Null(ProjectReference.Validate(value));
    }

    [Theory]
    [InlineData("  2021-1-NO01-KA121-VET-000012345 ", "2021-1-NO01-KA121-VET-000012345")]
    [InlineData("2021-1-no01-ka121-vet-000012345", "2021-1-NO01-KA121-VET-000012345")]
    public void Parses_lenient_input_into_the_canonical_form(string value, string canonical)
    {
        Assert.True(ProjectReference.TryParse(value, out var reference));
        Assert.Equal(canonical, reference.ToString());
    }

    [Theory]
    [InlineData(2021, 1, "NO01", "KA121", "VET", "000012345", "2021-1-NO01-KA121-VET-000012345")]
    [InlineData(2019, 2, "NO01", "KA105", "YOU", "012345", "2019-2-NO01-KA105-YOU-012345")]
    public void Formats_the_canonical_project_number(
        int callYear, int round, string agency, string action, string sector, string serial, string expected)
    {
        Assert.Equal(expected, new ProjectReference(callYear, round, agency, action, sector, serial).ToString());
    }

    [Theory]
    [InlineData("2021-1-NO01-KA121-VET")]
    [InlineData("2021-1-NO01-KA121-VET-000012345-1")]
    [InlineData("21-1-NO01-KA121-VET-000012345")]
    [InlineData("2021-0-NO01-KA121-VET-000012345")]
    [InlineData("2021-12-NO01-KA121-VET-000012345")]
    [InlineData("2021/1/NO01/KA121/VET/000012345")]
    [InlineData("2021-1-NO01-KA121-VET-00001234X")]
    [InlineData("2021-1-NO01-KA121-V3T-000012345")]
    [InlineData("2021 1 NO01 KA121 VET 000012345")]
    [InlineData("101055859")]
    public void Rejects_project_number_in_the_wrong_shape(string value)
    {
        Assert.False(ProjectReference.TryParse(value, out var reference));
        Assert.Null(reference);
        Assert.Equal(new RuleViolation("Reference", FormatMessage), ProjectReference.Validate(value));
    }

    [Theory]
    [InlineData("2021-1-N001-KA220-VET-000012345", "Det nasjonale kontoret i prosjektnummeret må være landkode og to sifre, for eksempel NO01, ikke N001.")]
    [InlineData("2021-1-no1x-KA220-VET-000012345", "Det nasjonale kontoret i prosjektnummeret må være landkode og to sifre, for eksempel NO01, ikke NO1X.")]
    [InlineData("2021-1-NO01-KB121-VET-000012345", "Tiltaket i prosjektnummeret må være KA fulgt av 3 sifre, for eksempel KA121.")]
    [InlineData("2021-1-NO01-KA12-VET-000012345", "Tiltaket i prosjektnummeret må være KA fulgt av 3 sifre, for eksempel KA121.")]
    [InlineData("2021-1-NO01-KA1210-VET-000012345", "Tiltaket i prosjektnummeret må være KA fulgt av 3 sifre, for eksempel KA121.")]
    [InlineData("2021-1-NO01-KA182-SPORT-000012345", "Prosjektnummeret har ukjent sektor SPORT; gyldige sektorer er SCH, VET, ADU, HED, YOU og SPO.")]
    [InlineData("2021-1-NO01-KA121-ABC-000012345", "Prosjektnummeret har ukjent sektor ABC; gyldige sektorer er SCH, VET, ADU, HED, YOU og SPO.")]
    [InlineData("2013-1-NO01-KA121-VET-000012", "Prosjektnummeret har søknadsår 2013, men Erasmus+ startet i 2014.")]
    public void Rejects_project_number_with_a_wrong_part_and_says_which(string value, string message)
    {
        Assert.False(ProjectReference.TryParse(value, out _));
        Assert.Equal(new RuleViolation("Reference", message), ProjectReference.Validate(value));
    }

    [Theory]
    [InlineData("2021-1-NO01-KA121-VET-012345", "Løpenummeret i prosjektnummeret må ha 9 sifre for søknadsår 2021 og senere.")]
    [InlineData("2027-1-NO01-KA121-VET-0000123456", "Løpenummeret i prosjektnummeret må ha 9 sifre for søknadsår 2021 og senere.")]
    [InlineData("2020-1-NO01-KA101-VET-000012345", "Løpenummeret i prosjektnummeret må ha 6 sifre for søknadsår før 2021.")]
    [InlineData("2014-1-NO01-KA101-VET-12345", "Løpenummeret i prosjektnummeret må ha 6 sifre for søknadsår før 2021.")]
    public void Rejects_serial_of_the_wrong_length_for_the_call_year(string value, string message)
    {
        Assert.False(ProjectReference.TryParse(value, out _));
        Assert.Equal(new RuleViolation("Reference", message), ProjectReference.Validate(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Requires_project_number_to_be_filled_in(string? value)
    {
        Assert.False(ProjectReference.TryParse(value, out _));
        Assert.Equal(new RuleViolation("Reference", "Prosjektnummeret må fylles ut."), ProjectReference.Validate(value));
    }

    [Theory]
    [InlineData("ProjectNumber")]
    public void Reports_violation_on_the_field_the_caller_names(string field)
    {
        Assert.Equal(field, ProjectReference.Validate("nonsense", field)?.Field);
    }
}
