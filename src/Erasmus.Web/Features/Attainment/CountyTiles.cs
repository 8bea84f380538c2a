using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Population;

namespace Erasmus.Web.Features.Attainment;

/// <summary>What the county map's tiles are coloured by.</summary>
public enum MapColouring
{
    /// <summary>No colour: figures and shares only (no population figures for the target's group).</summary>
    Figures,

    /// <summary>Participants per 1 000 of the target's group, in classes.</summary>
    Rate,

    /// <summary>The county's figure against its expected share.</summary>
    Status,
}

/// <summary>The map's own choices in the URL: which target the dashboard's map shows and what colours it.</summary>
public sealed class TileMapQuery
{
    [StringLength(60)]
    public string? MapTarget { get; set; }

    /// <summary>"rate", "status" or "figures"; anything else is the default (rate where it can be).</summary>
    [StringLength(10)]
    public string? MapColour { get; set; }

    public MapColouring? Requested => MapColour?.ToLowerInvariant() switch
    {
        "rate" => MapColouring.Rate,
        "status" => MapColouring.Status,
        "figures" => MapColouring.Figures,
        _ => null,
    };
}

/// <summary>
/// Where each county's tile sits on a grid of five columns, north at the top: roughly where the county
/// lies, so a reader finds Vestland in the west and Finnmark at the top. One layout per county structure.
/// </summary>
public static class TileLayout
{
    public const int Columns = 5;

    /// <summary>The 15 counties from 2024-01-01.</summary>
    private static readonly Dictionary<string, (int Column, int Row)> Since2024 = new(StringComparer.Ordinal)
    {
        ["56"] = (4, 0),
        ["55"] = (3, 1),
        ["18"] = (2, 2),
        ["15"] = (1, 3), ["50"] = (2, 3),
        ["46"] = (0, 4), ["33"] = (1, 4), ["34"] = (2, 4),
        ["11"] = (0, 5), ["40"] = (1, 5), ["03"] = (2, 5), ["32"] = (3, 5),
        ["42"] = (1, 6), ["39"] = (2, 6), ["31"] = (3, 6),
    };

    /// <summary>The 11 counties of 2020–2023.</summary>
    private static readonly Dictionary<string, (int Column, int Row)> Before2024 = new(StringComparer.Ordinal)
    {
        ["54"] = (3, 0),
        ["18"] = (2, 1),
        ["15"] = (1, 2), ["50"] = (2, 2),
        ["46"] = (0, 3), ["34"] = (2, 3),
        ["11"] = (0, 4), ["38"] = (1, 4), ["03"] = (2, 4), ["30"] = (3, 4),
        ["42"] = (1, 5),
    };

    /// <summary>
    /// Each county's cell. The layout is the one that holds every county given; a county neither knows
    /// (a structure after 2024) goes in a row of its own below, so a new county never breaks the map.
    /// </summary>
    public static IReadOnlyList<(string Number, int Column, int Row)> Place(IReadOnlyList<string> counties)
    {
        var layout = counties.All(Since2024.ContainsKey) || counties.Count(Since2024.ContainsKey) >= counties.Count(Before2024.ContainsKey)
            ? Since2024 : Before2024;
        var placed = counties.Where(layout.ContainsKey).Select(c => (c, layout[c].Column, layout[c].Row)).ToList();
        var below = placed.Count == 0 ? 0 : placed.Max(p => p.Row) + 1;
        var others = counties.Where(c => !layout.ContainsKey(c)).ToList();
        placed.AddRange(others.Select((c, i) => (c, i % Columns, below + (i / Columns))));
        return placed;
    }
}

/// <summary>One county's tile: its figure, share of the national figure, rate and status where population figures allow.</summary>
public sealed record CountyTile(string Number, string Name, int Column, int Row, decimal Value, decimal? Numerator, decimal? ShareOfNational,
    decimal? RatePer1000, int? Rank, decimal? ExpectedShare, AttainmentStatus? Status, bool HasPopulation, bool Selected, string Href);

/// <summary>A class of rates on the map (From inclusive, To exclusive but for the last) and its fill.</summary>
public sealed record RateClass(decimal From, decimal To, string Fill);

/// <summary>Everything the map, its legend, its table and its downloads show.</summary>
public sealed record TileMapModel(
    TargetResult Target,
    AttainmentFilters Filters,
    IReadOnlyList<CountyTile> Tiles,
    IReadOnlyList<BreakdownRow> Elsewhere,
    MapColouring Colouring,
    MapColouring? Requested,
    IReadOnlyList<RateClass> RateClasses,
    IReadOnlyList<(string Code, string Title)> TargetChoices,
    bool OnTargetPage,
    bool PopulationIsDemo = false)
{
    /// <summary>ViewData key of a page's map, built when the view asks (a <c>Func&lt;Task&lt;TileMapModel?&gt;&gt;</c>).</summary>
    public const string DeferredKey = "TileMapDeferred";

    public bool RateAvailable => Tiles.Any(t => t.RatePer1000 is not null);

    public bool StatusAvailable => Tiles.Any(t => t.Status is not null);

    /// <summary>The colouring asked for could not be given (no population figures for the target's group).</summary>
    public bool RequestedUnavailable => Requested is { } r && r != Colouring;

    public bool TwentyTwentyFourStructure => Tiles.Count > 11;

    public string ColourWord => Colouring switch
    {
        MapColouring.Rate => "rate",
        MapColouring.Status => "status",
        _ => "figures",
    };

    /// <summary>The map's own parameters, carried by its tiles and downloads: "MapTarget=…&amp;MapColour=…".</summary>
    public string MapQuery => $"MapTarget={Target.Target.Code}&MapColour={ColourWord}";

    /// <summary>The class a rate falls in (the last one holds the maximum).</summary>
    public RateClass? ClassOf(decimal? rate) =>
        rate is not { } r ? null : RateClasses.FirstOrDefault(c => r >= c.From && r < c.To) ?? RateClasses.LastOrDefault(c => r >= c.From);

    public string FileName(bool english, string extension) =>
        Filters.FileName($"{(english ? "county-map" : "fylkeskart")}-{Target.Target.Code.ToLowerInvariant()}-{(english ? ColourWord : ColourWord switch
        {
            "figures" => "tall",
            _ => ColourWord,
        })}", extension, english);
}

/// <summary>Fills for the map and the text colour each needs: WCAG AA contrast (4.5:1) for the text on every tile.</summary>
public static class TileColours
{
    public const string Ink = "#1a1a1a";
    public const string White = "#ffffff";
    public const string NoFigure = "#f2f2f2";

    /// <summary>A sequential blue scale, light to dark; a map of n classes takes n of them spread over the scale.</summary>
    private static readonly string[] Blues = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#2171b5", "#08306b"];

    public static string Status(AttainmentStatus? status) => status switch
    {
        AttainmentStatus.Reached => "#1b5e20",
        AttainmentStatus.Ahead => "#66bb6a",
        AttainmentStatus.OnTrack => "#dcedc8",
        AttainmentStatus.Behind => "#ffcc80",
        AttainmentStatus.AtRisk => "#b00020",
        _ => NoFigure,
    };

    public static IReadOnlyList<string> Scale(int classes) =>
        classes <= 1 ? [Blues[2]] : [.. Enumerable.Range(0, classes).Select(i => Blues[(int)Math.Round(i * (Blues.Length - 1) / (double)(classes - 1))])];

    /// <summary>Ink or white, whichever contrasts more with the fill.</summary>
    public static string TextOn(string fill) => ContrastRatio(fill, Ink) >= ContrastRatio(fill, White) ? Ink : White;

    /// <summary>The WCAG 2.1 contrast ratio of two "#rrggbb" colours.</summary>
    public static double ContrastRatio(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        static double Channel(string hex, int at)
        {
            var c = int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(hex, 1)) + (0.7152 * Channel(hex, 3)) + (0.0722 * Channel(hex, 5));
    }
}

/// <summary>
/// Builds the county map of one target from the national result (every county's figure, the same the
/// county views show) and the population figures: rates and ranks as a county view computes them, and
/// each county's status against its expected share.
/// </summary>
public sealed class CountyTileMaps(AttainmentService attainment)
{
    /// <summary>The map of a target (the first applicable one when the code names none), or null when no target applies.</summary>
    public async Task<TileMapModel?> BuildAsync(AttainmentParameters parameters, AttainmentFilters filters, string? targetCode, MapColouring? requested,
        bool onTargetPage, CancellationToken cancellationToken = default)
    {
        var national = parameters with { County = null };
        var result = await attainment.ComputeAsync(national, cancellationToken);
        var target = result.Targets.FirstOrDefault(t => t.Target.Code == targetCode && t.Applicable)
            ?? (onTargetPage ? null : result.Targets.FirstOrDefault(t => t.Applicable));
        if (target is null)
        {
            return null;
        }

        var counties = (await attainment.CountiesAsync(national, cancellationToken)).Where(c => !c.Dissolved).ToList();
        var shares = await attainment.PopulationSharesAsync(national, cancellationToken);
        var populations = shares.Where(s => s.TargetCode == target.Target.Code).ToDictionary(s => s.CountyNumber, StringComparer.Ordinal);
        var byCounty = target.ByCounty.ToDictionary(r => r.Key, StringComparer.Ordinal);
        // The same rates as the county matrix and a target's county table: one computation (TargetRates.Of).
        var rates = TargetRates.Of(target, shares);
        var nationalNumerator = target.Numerator;

        var tiles = new List<CountyTile>();
        foreach (var (number, column, row) in TileLayout.Place([.. counties.Select(c => c.Number)]))
        {
            var figure = byCounty.GetValueOrDefault(number);
            var value = figure?.Value ?? 0;
            var share = CountyShare.OfNational(value, target.Value, figure?.Numerator ?? 0, nationalNumerator, target.IsShare);
            var expected = target.Applicable && populations.TryGetValue(number, out var population)
                ? CountyShare.Expected(target.ExpectedByNow, population.Share, target.Target.Unit)
                : null;
            var rate = rates?.For(number);
            var href = onTargetPage
                ? $"/mal/{target.Target.Code}?{filters.QueryWithCounty(number)}"
                : $"/mal?{filters.QueryWithCounty(number)}";
            tiles.Add(new CountyTile(number, counties.First(c => c.Number == number).Name, column, row, value, figure?.Numerator, share,
                rate?.RatePer1000, rate?.Rank, expected, expected is { } e ? AttainmentCalculator.StatusOf(value, e) : null,
                populations.ContainsKey(number), number == parameters.County, href));
        }

        var shown = tiles.Select(t => t.Number).ToHashSet(StringComparer.Ordinal);
        var elsewhere = target.ByCounty.Where(r => !shown.Contains(r.Key) && r.Value != 0).ToList();
        var colouring = Choose(requested, tiles);
        var classes = colouring == MapColouring.Rate ? Classes(tiles) : [];
        var choices = result.Targets.Where(t => t.Applicable).Select(t => (t.Target.Code, Erasmus.Web.Features.Shared.DomainText.Title(t.Target))).ToList();
        var demo = colouring != MapColouring.Figures && await attainment.PopulationIsDemoAsync(national, cancellationToken);
        var model = new TileMapModel(target, filters, tiles, elsewhere, colouring, requested, classes, choices, onTargetPage, demo);
        // The tiles carry the map's own choices, so following one keeps the same map on the county's page.
        return model with { Tiles = [.. tiles.Select(t => t with { Href = t.Href + "&" + model.MapQuery })] };
    }

    /// <summary>What was asked for where the figures allow it; else rate, then status, then figures only.</summary>
    private static MapColouring Choose(MapColouring? requested, IReadOnlyList<CountyTile> tiles)
    {
        var rate = tiles.Any(t => t.RatePer1000 is not null);
        var status = tiles.Any(t => t.Status is not null);
        return requested switch
        {
            MapColouring.Rate when rate => MapColouring.Rate,
            MapColouring.Status when status => MapColouring.Status,
            MapColouring.Figures => MapColouring.Figures,
            _ when requested is null && rate => MapColouring.Rate,
            _ when requested is null && status => MapColouring.Status,
            _ => MapColouring.Figures,
        };
    }

    /// <summary>Equal classes on round bounds from 0 to the highest rate (four to six of them, Shared.ChartScale's ticks).</summary>
    private static List<RateClass> Classes(IReadOnlyList<CountyTile> tiles)
    {
        var max = tiles.Max(t => t.RatePer1000 ?? 0);
        var ticks = Erasmus.Web.Features.Shared.ChartScale.Ticks(max == 0 ? 1 : max, 4);
        var fills = TileColours.Scale(ticks.Count - 1);
        return [.. Enumerable.Range(0, ticks.Count - 1).Select(i => new RateClass(ticks[i], ticks[i + 1], fills[i]))];
    }
}
