using System.Diagnostics.CodeAnalysis;

namespace Erasmus.Domain.Rules;

/// <summary>
/// A project number issued by a national agency, YYYY-R-NO01-KAnnn-SSS-NNNNNNNNN (the Norwegian one is NO01),
/// e.g. 2021-1-NO01-KA121-VET-000012345. Serials have 6 digits before the 2021 call, 9 from it.
/// </summary>
public sealed record ProjectReference(
    int CallYear, int Round, string NationalAgency, string Action, string Sector, string Serial)
{
    /// <summary>Erasmus+ started with the 2014 call; earlier numbers belong to other programmes.</summary>
    private const int FirstCallYear = 2014;

    private const string FormatMessage =
        "Prosjektnummeret må ha formen ÅÅÅÅ-R-NO01-KAnnn-SEK-NNNNNNNNN, for eksempel 2021-1-NO01-KA121-VET-000012345.";

    // The three-letter codes used in project numbers; sport is SPO here although the domain calls the sector SPORT.
    private static readonly string[] _sectors = ["SCH", "VET", "ADU", "HED", "YOU", "SPO"];

    /// <summary>Accepts surrounding spaces and lower case; <see cref="ToString"/> gives the canonical form.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out ProjectReference? reference)
    {
        (reference, _) = Parse(value);
        return reference is not null;
    }

    public static RuleViolation? Validate(string? value, string field = "Reference")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new RuleViolation(field, "Prosjektnummeret må fylles ut.");
        }

        var (_, error) = Parse(value);
        return error is null ? null : new RuleViolation(field, error);
    }

    public bool IsNorwegianAgency => NationalAgency == ReferenceShape.NorwegianAgency;

    /// <summary>The three-letter code a sector has in project numbers (SPORT is SPO).</summary>
    public static string SectorCodeOf(Entities.Sector sector) => sector == Entities.Sector.SPORT ? "SPO" : sector.ToString();

    public override string ToString() =>
        ReferenceShape.Format(CallYear, Round, NationalAgency, Action, Sector, Serial);

    private static (ProjectReference? Reference, string? Error) Parse(string? value)
    {
        if (!ReferenceShape.TryMatch(value, out var p))
        {
            return (null, FormatMessage);
        }

        if (p.CallYear < FirstCallYear)
        {
            return (null, $"Prosjektnummeret har søknadsår {p.CallYear}, men Erasmus+ startet i {FirstCallYear}.");
        }

        // Partnerships coordinated abroad carry the other country's agency (2021-1-DE02-KA220-…).
        if (p.Agency.Length != 4 || !char.IsAsciiLetterUpper(p.Agency[0]) || !char.IsAsciiLetterUpper(p.Agency[1])
            || !char.IsAsciiDigit(p.Agency[2]) || !char.IsAsciiDigit(p.Agency[3]))
        {
            return (null, $"Det nasjonale kontoret i prosjektnummeret må være landkode og to sifre, for eksempel NO01, ikke {p.Agency}.");
        }

        if (!ReferenceShape.IsKeyAction(p.Action))
        {
            return (null, "Tiltaket i prosjektnummeret må være KA fulgt av 3 sifre, for eksempel KA121.");
        }

        if (!_sectors.Contains(p.Sector, StringComparer.Ordinal))
        {
            return (null, $"Prosjektnummeret har ukjent sektor {p.Sector}; gyldige sektorer er SCH, VET, ADU, HED, YOU og SPO.");
        }

        var serialLength = ReferenceShape.SerialLength(p.CallYear);
        if (p.Serial.Length != serialLength)
        {
            return (null, ReferenceShape.SerialMessage("prosjektnummeret", serialLength));
        }

        return (new ProjectReference(p.CallYear, p.Round, p.Agency, p.Action, p.Sector, p.Serial), null);
    }
}
