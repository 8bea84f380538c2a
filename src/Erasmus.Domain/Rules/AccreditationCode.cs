using System.Diagnostics.CodeAnalysis;

namespace Erasmus.Domain.Rules;

/// <summary>
/// An Erasmus accreditation (KA120) code, e.g. 2020-1-NO01-KA120-VET-095178: the project-number
/// shape with action KA120 and one of the accreditable sectors SCH, VET and ADU.
/// </summary>
public sealed record AccreditationCode(int CallYear, int Round, string Sector, string Serial)
{
    private const string Action = "KA120";

    /// <summary>KA120 accreditations were first awarded in the 2020 call.</summary>
    private const int FirstCallYear = 2020;

    private const string FormatMessage =
        "Akkrediteringsnummeret må ha formen ÅÅÅÅ-R-NO01-KA120-SEK-NNNNNNNNN, for eksempel 2020-1-NO01-KA120-VET-095178.";

    private static readonly string[] _sectors = ["SCH", "VET", "ADU"];

    /// <summary>Accepts surrounding spaces and lower case; <see cref="ToString"/> gives the canonical form.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out AccreditationCode? code)
    {
        (code, _) = Parse(value);
        return code is not null;
    }

    public static RuleViolation? Validate(string? value, string field = "Code")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new RuleViolation(field, "Akkrediteringsnummeret må fylles ut.");
        }

        var (_, error) = Parse(value);
        return error is null ? null : new RuleViolation(field, error);
    }

    public override string ToString() =>
        ReferenceShape.Format(CallYear, Round, ReferenceShape.NorwegianAgency, Action, Sector, Serial);

    private static (AccreditationCode? Code, string? Error) Parse(string? value)
    {
        if (!ReferenceShape.TryMatch(value, out var p))
        {
            return (null, FormatMessage);
        }

        if (p.CallYear < FirstCallYear)
        {
            return (null, $"Akkrediteringsnummeret har søknadsår {p.CallYear}, men Erasmus-akkreditering (KA120) finnes fra {FirstCallYear}.");
        }

        if (p.Agency != ReferenceShape.NorwegianAgency)
        {
            return (null, $"Akkrediteringsnummeret må ha det norske nasjonale kontoret NO01, ikke {p.Agency}.");
        }

        if (p.Action != Action)
        {
            return (null, $"Akkrediteringsnummeret må ha tiltaket KA120, ikke {p.Action}.");
        }

        if (!_sectors.Contains(p.Sector, StringComparer.Ordinal))
        {
            return (null, $"Akkrediteringsnummeret har sektor {p.Sector}; akkreditering gis bare for SCH, VET og ADU.");
        }

        var serialLength = ReferenceShape.SerialLength(p.CallYear);
        if (p.Serial.Length != serialLength)
        {
            return (null, ReferenceShape.SerialMessage("akkrediteringsnummeret", serialLength));
        }

        return (new AccreditationCode(p.CallYear, p.Round, p.Sector, p.Serial), null);
    }
}
