using System.Globalization;
using Erasmus.Domain.Rules;

namespace Erasmus.Web.Data.Configurations;

/// <summary>
/// The CHECK constraints' conditions for the plausible ranges of <see cref="Plausible"/>, so the database
/// refuses what the entities refuse. Migration 20261207000000_PlausibleValues writes the same conditions
/// as literal SQL; SchemaEqualityTests fails when the two drift apart.
/// </summary>
internal static class PlausibleChecks
{
    /// <summary>A date column inside the plausible range (a NULL passes, as every CHECK lets it).</summary>
    public static string Date(string column) =>
        $"{column} BETWEEN DATE '{Iso(Plausible.FirstDate)}' AND DATE '{Iso(Plausible.LastDate)}'";

    public static string Between(string column, int min, int max) =>
        string.Create(CultureInfo.InvariantCulture, $"{column} BETWEEN {min} AND {max}");

    public static string Between(string column, decimal min, decimal max) =>
        string.Create(CultureInfo.InvariantCulture, $"{column} BETWEEN {min} AND {max}");

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
