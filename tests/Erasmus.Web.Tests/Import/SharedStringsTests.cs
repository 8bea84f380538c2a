using Erasmus.Web.Features.Import.Reading;

namespace Erasmus.Web.Tests.Import;

/// <summary>The compact store of a workbook's shared strings gives back exactly what was added, across its buffers.</summary>
public sealed class SharedStringsTests
{
    [Fact]
    public void Every_string_comes_back_as_added_across_buffers_with_too_long_ones_as_null()
    {
        var strings = new SharedStrings();
        var added = new List<string?>();
        var random = new Random(15);
        for (var i = 0; i < 20_000; i++)
        {
            var tooLong = i % 977 == 0;
            var text = i % 1013 == 0 ? "" : new string((char)('a' + (i % 26)), random.Next(1, 1001)) + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            strings.Add(text, tooLong);
            added.Add(tooLong ? null : text);
        }

        Assert.Equal(added.Count, strings.Count);
        foreach (var i in new[] { 0, 1, 2, 63, 64, 65, 1013, 4095, 4096, 4097, 12_345, 19_999 }.Concat(Enumerable.Range(0, 20_000).Where(n => n % 7 == 0)).Concat(Enumerable.Range(0, 20_000).Reverse()))
        {
            Assert.Equal(added[i], strings[i]);
            Assert.Equal(added[i], strings[i]);
        }
    }
}
