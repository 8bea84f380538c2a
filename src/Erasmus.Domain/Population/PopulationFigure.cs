using System.Globalization;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Population;

/// <summary>
/// The size of a population group in a county (either structure) in a year, from Statistics Norway.
/// A figure with an <see cref="InstitutionId"/> is one higher-education institution's employees or
/// students within the county (DBH's figures, as StatBank publishes them): a breakdown, never added to the
/// county's own figure (<see cref="CountyPopulation"/> says how a county without one is treated).
/// Demo figures are marked, so every page that uses them can say so.
/// </summary>
public sealed class PopulationFigure
{
    public const int FirstYear = 2014;
    public const int LastYear = 2035;

    /// <summary>Far above any county's group (Oslo has about 700 000 inhabitants in all).</summary>
    public const int MaxValue = 2_000_000;

    public PopulationFigure(string countyNumber, int year, string groupCode, int value, bool isDemo, int? institutionId = null)
    {
        DomainException.ThrowIfAny(Check(year, groupCode, value, institutionId).ToArray());
        CountyNumber = countyNumber;
        Year = year;
        GroupCode = PopulationGroup.Find(groupCode)!.Code;
        Value = value;
        IsDemo = isDemo;
        InstitutionId = institutionId;
    }

    public int Id { get; private set; }
    public string CountyNumber { get; private set; }
    public int Year { get; private set; }
    public string GroupCode { get; private set; }
    public int Value { get; private set; }
    public bool IsDemo { get; private set; }

    /// <summary>The higher-education institution (an organisation) the figure is of; null for the county's own figure.</summary>
    public int? InstitutionId { get; private set; }

    public void Update(int value, bool isDemo)
    {
        DomainException.ThrowIfAny(Check(Year, GroupCode, value, InstitutionId).ToArray());
        Value = value;
        IsDemo = isDemo;
    }

    /// <summary>The rules a figure must keep, each beside its field; nulls are rules that held.</summary>
    public static IEnumerable<RuleViolation?> Check(int year, string? groupCode, int value, int? institutionId = null)
    {
        yield return year is < FirstYear or > LastYear
            ? new RuleViolation(nameof(Year), string.Create(CultureInfo.InvariantCulture, $"Året må være mellom {FirstYear} og {LastYear}."))
            : null;
        yield return PopulationGroup.Find(groupCode) is null
            ? new RuleViolation(nameof(GroupCode), "Velg en gruppe fra listen.")
            : null;
        yield return value is < 0 or > MaxValue
            ? new RuleViolation(nameof(Value), "Tallet må være mellom 0 og 2 000 000.")
            : null;
        yield return institutionId is not null && PopulationGroup.Find(groupCode) is { PerInstitution: false } group
            ? new RuleViolation(nameof(InstitutionId), InstitutionGroupMessage(group.Code))
            : null;
    }

    /// <summary>Only the higher-education groups have figures per institution.</summary>
    public static string InstitutionGroupMessage(string groupCode) =>
        $"Tall for et lærested må gjelde en gruppe i høyere utdanning ({string.Join(" eller ", PopulationGroup.All.Where(g => g.PerInstitution).Select(g => g.Code))}), ikke {groupCode}.";
}
