using Erasmus.Domain.Entities;

namespace Erasmus.Domain.Attainment;

/// <summary>
/// A county's part of a national figure (DOMAIN.md, "County views"): never judged against the national
/// target; its share of the national figure, and an expected share only where population figures exist.
/// </summary>
public static class CountyShare
{
    /// <summary>
    /// The part as a percentage of the national figure (one decimal): of the value for counts, of the
    /// numerator for shares (a county's 5 of the nation's 17 working-life partnerships). Null when the
    /// national figure is 0.
    /// </summary>
    public static decimal? OfNational(decimal value, decimal nationalValue, decimal? numerator, decimal? nationalNumerator, bool isShare)
    {
        var (part, whole) = isShare ? (numerator ?? 0, nationalNumerator ?? 0) : (value, nationalValue);
        return whole == 0 ? null : Math.Round(part / whole * 100, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// The county's expected value: its share of the national population of the target's group applied to
    /// the national expected value, a whole number. Null without a population share, and for share targets
    /// (a percentage has no population share to apply).
    /// </summary>
    public static decimal? Expected(decimal nationalExpected, decimal? populationShare, TargetUnit unit) =>
        populationShare is { } share && unit != TargetUnit.Percent
            ? Math.Round(nationalExpected * share, 0, MidpointRounding.AwayFromZero)
            : null;
}
