using System.Text;
using SkiaSharp;
using Svg.Skia;

namespace Erasmus.Web.Features.Attainment;

/// <summary>
/// The county map's SVG drawn as PNG on the server with Skia (Svg.Skia), at twice the SVG's size so the
/// text stays sharp. Null when Skia's native library cannot be loaded on this machine: the page then
/// says so and offers the SVG.
/// </summary>
public static class TileMapPng
{
    private const float Scale = 2f;

    public static byte[]? Render(string svg)
    {
        try
        {
            using var document = new SKSvg();
            using var input = new MemoryStream(Encoding.UTF8.GetBytes(svg));
            if (document.Load(input) is null)
            {
                return null;
            }

            using var output = new MemoryStream();
            return document.Save(output, SKColors.White, SKEncodedImageFormat.Png, 100, Scale, Scale) ? output.ToArray() : null;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
        {
            return null;
        }
    }
}
