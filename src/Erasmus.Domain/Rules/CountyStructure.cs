namespace Erasmus.Domain.Rules;

/// <summary>
/// Norway's county structure changed on 2024-01-01, when Viken, Vestfold og Telemark and Troms og
/// Finnmark split. Reports for earlier dates use the 2020–2023 structure.
/// </summary>
public static class CountyStructure
{
    public static readonly DateOnly SplitDate = new(2024, 1, 1);

    /// <summary>
    /// The county number an organisation belongs to in the 2020–2023 structure, e.g. 31 (Østfold) -> 30 (Viken),
    /// 46 (Vestland) -> 46.
    /// </summary>
    /// <param name="countyNumber">The organisation's county number (two digits, as in counties.csv).</param>
    /// <param name="partOf2020County">County number -> part_of_2020_county, from counties.csv.</param>
    /// <exception cref="ArgumentException">The county number is not in the mapping.</exception>
    public static string To2020Structure(string countyNumber, IReadOnlyDictionary<string, string> partOf2020County)
    {
        ArgumentNullException.ThrowIfNull(countyNumber);
        ArgumentNullException.ThrowIfNull(partOf2020County);

        return partOf2020County.TryGetValue(countyNumber.Trim(), out var county2020)
            ? county2020
            : throw new ArgumentException(
                $"Unknown county number \"{countyNumber}\": it is not in the county mapping (counties.csv). " +
                "County numbers have two digits, e.g. \"03\" for Oslo.",
                nameof(countyNumber));
    }

    /// <summary>Which structure is in force on a date: true for the 2020–2023 structure (date before 2024-01-01).</summary>
    public static bool Is2020Structure(DateOnly date) => date < SplitDate;
}
