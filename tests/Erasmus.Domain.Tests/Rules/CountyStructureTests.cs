using System.Globalization;
using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Tests.Rules;

public class CountyStructureTests
{
    // number -> part_of_2020_county, as in shared/reference/counties.csv.
    private static readonly Dictionary<string, string> _partOf2020County = new(StringComparer.Ordinal)
    {
        ["03"] = "03", ["11"] = "11", ["15"] = "15", ["18"] = "18", ["30"] = "30", ["34"] = "34",
        ["38"] = "38", ["42"] = "42", ["46"] = "46", ["50"] = "50", ["54"] = "54",
        ["31"] = "30", ["32"] = "30", ["33"] = "30", ["39"] = "38", ["40"] = "38", ["55"] = "54", ["56"] = "54",
    };

    [Theory]
    [InlineData("31", "30")] // Østfold -> Viken
    [InlineData("32", "30")] // Akershus -> Viken
    [InlineData("33", "30")] // Buskerud -> Viken
    [InlineData("39", "38")] // Vestfold -> Vestfold og Telemark
    [InlineData("40", "38")] // Telemark -> Vestfold og Telemark
    [InlineData("55", "54")] // Troms -> Troms og Finnmark
    [InlineData("56", "54")] // Finnmark -> Troms og Finnmark
    [InlineData("46", "46")] // Vestland is unchanged
    [InlineData("03", "03")] // Oslo is unchanged
    [InlineData("30", "30")] // Viken fylkeskommune, dissolved before 2024, stays in Viken
    [InlineData(" 31 ", "30")]
    public void Maps_a_county_to_the_2020_structure(string county, string expected)
    {
        Assert.Equal(expected, CountyStructure.To2020Structure(county, _partOf2020County));
    }

    [Theory]
    [InlineData("99")]
    [InlineData("3")]
    [InlineData("01")] // Østfold's number before 2020
    [InlineData("")]
    public void Rejects_an_unknown_county_with_a_message_naming_it(string county)
    {
        var error = Assert.Throws<ArgumentException>(() => CountyStructure.To2020Structure(county, _partOf2020County));
        Assert.Contains($"\"{county}\"", error.Message, StringComparison.Ordinal);
        Assert.Equal("countyNumber", error.ParamName);
    }

    [Theory]
    [InlineData("2020-01-01", true)]
    [InlineData("2021-09-30", true)]
    [InlineData("2023-12-31", true)]
    [InlineData("2024-01-01", false)]
    [InlineData("2027-12-31", false)]
    public void Uses_the_2020_structure_for_dates_before_2024(string date, bool expected)
    {
        var day = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(expected, CountyStructure.Is2020Structure(day));
    }

    [Fact]
    public void Splits_the_counties_on_1_January_2024()
    {
        Assert.Equal(new DateOnly(2024, 1, 1), CountyStructure.SplitDate);
    }
}
