using System.Globalization;
using System.Text;
using Erasmus.Domain.Attainment;
using Erasmus.Web.Features.Shared;
using Microsoft.Extensions.Localization;

namespace Erasmus.Web.Features.Attainment;

/// <summary>
/// The county map as SVG, drawn on the server: one tile per county with its name and figures in text,
/// the legend in the empty sea in the north-west. The page embeds it with a link on every tile; the
/// download is the same drawing standing alone (a title, no links, fonts and colours as attributes).
/// </summary>
public static class TileMapSvg
{
    private const int TileWidth = 120;
    private const int TileHeight = 80;
    private const int Gap = 6;
    private const int Margin = 8;
    private const int TitleHeight = 48;
    private const string Font = "DejaVu Sans, Verdana, Arial, sans-serif";

    public static int Width => Margin * 2 + (TileLayout.Columns * TileWidth) + ((TileLayout.Columns - 1) * Gap);

    public static string Render(TileMapModel map, IStringLocalizer T, bool standalone)
    {
        var title = T["Fylkeskart: {0}", DomainText.Title(map.Target.Target)].Value;
        var titleLines = Wrap(title, 68);
        var top = standalone ? TitleHeight + ((titleLines.Count - 1) * 18) : 0;
        var rows = map.Tiles.Count == 0 ? 1 : map.Tiles.Max(t => t.Row) + 1;
        var height = top + (Margin * 2) + (rows * TileHeight) + ((rows - 1) * Gap);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" ");
        svg.Append(standalone
            ? $"width=\"{Width}\" height=\"{height}\" font-family=\"{Font}\""
            : "class=\"tile-map-svg\" role=\"group\" aria-labelledby=\"tile-map-heading\"");
        svg.Append('>');
        if (standalone)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<title>{Esc(title)}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{height}\" fill=\"#ffffff\"/>");
            var y = 20;
            foreach (var line in titleLines)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin}\" y=\"{y}\" font-size=\"15\" font-weight=\"bold\" fill=\"{TileColours.Ink}\">{Esc(line)}</text>");
                y += 18;
            }

            var lead = string.Join(" · ", map.Filters.Describe(T, null).Where(f => f.Label != T["Fylke"].Value).Select(f => f.Value))
                + (map.PopulationIsDemo && map.Colouring != MapColouring.Figures ? " · " + T["Demotall for befolkningen"].Value : "");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin}\" y=\"{y}\" font-size=\"12\" fill=\"{TileColours.Ink}\">{Esc(lead)}</text>");
        }

        Legend(svg, map, T, top);
        foreach (var tile in map.Tiles)
        {
            Tile(svg, map, tile, T, top, standalone);
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The fill of a tile in the map's colouring.</summary>
    public static string Fill(TileMapModel map, CountyTile tile) => map.Colouring switch
    {
        MapColouring.Rate => map.ClassOf(tile.RatePer1000)?.Fill ?? TileColours.NoFigure,
        MapColouring.Status => TileColours.Status(tile.Status),
        _ => TileColours.White,
    };

    /// <summary>The tile's second line: the rate, the status in words with its symbol, or the share of the national figure.</summary>
    public static string Detail(TileMapModel map, CountyTile tile, IStringLocalizer T) => map.Colouring switch
    {
        MapColouring.Rate => tile.RatePer1000 is { } rate ? T["{0} per 1 000", rate.ToString("N2", CultureInfo.CurrentCulture)].Value : T["ingen befolkningstall"].Value,
        MapColouring.Status => $"{StatusText.Symbol(tile.Status)} {T[StatusText.Of(tile.Status)].Value}",
        _ => T["{0} av landet", Format.Percent(tile.ShareOfNational)].Value,
    };

    /// <summary>
    /// What a screen reader says for a tile: the tile's visible text first, word for word (WCAG 2.5.3, the
    /// name contains the label), then what the tile leaves to the colour or the table.
    /// </summary>
    public static string Label(TileMapModel map, CountyTile tile, IStringLocalizer T)
    {
        var parts = new List<string> { $"{tile.Name} {Format.Figure(tile.Value, map.Target.IsShare)} {Detail(map, tile, T)}" };
        if (map.Colouring != MapColouring.Figures)
        {
            parts.Add(T["{0} av landets tall", Format.Percent(tile.ShareOfNational)].Value);
        }

        if (tile.Rank is { } rank)
        {
            parts.Add(T["nummer {0}", rank].Value);
        }

        if (map.Colouring != MapColouring.Status && tile.Status is { } status)
        {
            parts.Add(T[StatusText.Of(status)].Value);
        }

        if (tile.Selected)
        {
            parts.Add(T["valgt fylke"].Value);
        }

        return string.Join("; ", parts);
    }

    private static void Tile(StringBuilder svg, TileMapModel map, CountyTile tile, IStringLocalizer T, int top, bool standalone)
    {
        var x = Margin + (tile.Column * (TileWidth + Gap));
        var y = top + Margin + (tile.Row * (TileHeight + Gap));
        var fill = Fill(map, tile);
        var ink = TileColours.TextOn(fill);
        var noFigure = map.Colouring != MapColouring.Figures && fill == TileColours.NoFigure;
        svg.Append(standalone
            ? "<g class=\"tile\">"
            : $"<a href=\"{Esc(tile.Href)}\" class=\"tile\" data-county=\"{tile.Number}\" aria-label=\"{Esc(Label(map, tile, T))}\"{(tile.Selected ? " aria-current=\"true\"" : "")}>");
        // A dashed border marks a county without population figures, so "no figure" is not carried by the grey alone.
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{x}\" y=\"{y}\" width=\"{TileWidth}\" height=\"{TileHeight}\" rx=\"4\" fill=\"{fill}\" stroke=\"{(tile.Selected ? TileColours.Ink : "#767676")}\" stroke-width=\"{(tile.Selected ? 3 : 1)}\"{(noFigure ? " stroke-dasharray=\"5 3\"" : "")}/>");
        // One text element, its lines as tspans with spaces between them: the tile's text reads as
        // "Vestland 18 1,50 per 1 000" to a screen reader, not as words run together.
        var lines = Wrap(tile.Name, 14);
        var lineY = y + (lines.Count == 1 ? 20 : 16);
        svg.Append(CultureInfo.InvariantCulture, $"<text font-size=\"12\" fill=\"{ink}\">");
        foreach (var line in lines)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<tspan x=\"{x + 6}\" y=\"{lineY}\" font-weight=\"bold\">{Esc(line)}</tspan> ");
            lineY += 14;
        }

        svg.Append(CultureInfo.InvariantCulture,
            $"<tspan x=\"{x + 6}\" y=\"{y + 52}\" font-size=\"15\" font-weight=\"bold\" class=\"figure\">{Esc(Format.Figure(tile.Value, map.Target.IsShare))}</tspan> ");
        svg.Append(CultureInfo.InvariantCulture,
            $"<tspan x=\"{x + 6}\" y=\"{y + 70}\" font-size=\"11\" class=\"detail\">{Esc(Detail(map, tile, T))}</tspan></text>");
        svg.Append(standalone ? "</g>" : "</a>");
    }

    /// <summary>The legend: what colours the tiles, each class or status with its swatch and its words.</summary>
    private static void Legend(StringBuilder svg, TileMapModel map, IStringLocalizer T, int top)
    {
        var x = Margin;
        var y = top + Margin + 14;
        var heading = map.Colouring switch
        {
            MapColouring.Rate => T["Deltakere per 1 000 i gruppen"].Value,
            MapColouring.Status => T["Status mot forventet andel"].Value,
            _ => T["Fylkets tall og andel av landets tall"].Value,
        };
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"legend\"><text x=\"{x}\" y=\"{y}\" font-size=\"12\" font-weight=\"bold\" fill=\"{TileColours.Ink}\">{Esc(heading)}</text>");
        var entries = new List<(string Fill, string Symbol, string Words, bool Dashed)>();
        if (map.Colouring == MapColouring.Rate)
        {
            entries.AddRange(map.RateClasses.Select(c => (c.Fill, "", $"{c.From.ToString("0.##", CultureInfo.CurrentCulture)}–{c.To.ToString("0.##", CultureInfo.CurrentCulture)}", false)));
            if (map.Tiles.Any(t => t.RatePer1000 is null))
            {
                entries.Add((TileColours.NoFigure, "", T["Uten befolkningstall"].Value, true));
            }
        }
        else if (map.Colouring == MapColouring.Status)
        {
            foreach (var status in new AttainmentStatus?[] { AttainmentStatus.Ahead, AttainmentStatus.OnTrack, AttainmentStatus.Behind, AttainmentStatus.AtRisk, null })
            {
                if (status is not null || map.Tiles.Any(t => t.Status is null))
                {
                    entries.Add((TileColours.Status(status), StatusText.Symbol(status), T[status is null ? "Uten befolkningstall" : StatusText.Of(status)].Value, status is null));
                }
            }
        }
        else
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{y + 18}\" font-size=\"11\" fill=\"{TileColours.Ink}\">{Esc(T["Ikke fargelagt: krever befolkningstall."].Value)}</text>");
        }

        foreach (var (fill, symbol, words, dashed) in entries)
        {
            y += 20;
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{x}\" y=\"{y - 12}\" width=\"22\" height=\"16\" fill=\"{fill}\" stroke=\"#767676\"{(dashed ? " stroke-dasharray=\"5 3\"" : "")}/>");
            if (symbol.Length > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 6}\" y=\"{y + 1}\" font-size=\"11\" fill=\"{TileColours.TextOn(fill)}\">{Esc(symbol)}</text>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 30}\" y=\"{y}\" font-size=\"12\" fill=\"{TileColours.Ink}\">{Esc(words)}</text>");
        }

        svg.Append("</g>");
    }

    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }

        lines.Add(line);
        return lines;
    }

    private static string Esc(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);
}
