using System.Globalization;
using Erasmus.Web.Features.Reports;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Erasmus.Web.Tests.Localisation;

/// <summary>The status report's words come from the app's resources, like every page's (decision 0004).</summary>
public sealed class ReportWordsTests
{
    private static readonly IStringLocalizer Localizer =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    [Theory]
    [InlineData("Sammendrag", "Summary")]
    [InlineData("Per dato", "As of date")]
    // The report's own wording of a text the pages translate otherwise: the context is not shown.
    [InlineData("rapport|Per dato", "As of")]
    [InlineData("i setning|hele landet", "all of Norway")]
    public void An_english_report_takes_its_words_from_the_resources(string key, string english)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("en-GB");
        try
        {
            Assert.Equal(english, new WorkbookText(true, bokmal => Localizer[bokmal].Value).T[key]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Theory]
    [InlineData("Sammendrag", "Sammendrag")]
    [InlineData("rapport|Per dato", "Per dato")]
    [InlineData("i setning|hele landet", "hele landet")]
    public void A_bokmal_report_shows_the_text_without_its_context(string key, string bokmal) =>
        Assert.Equal(bokmal, new WorkbookText(false, _ => throw new InvalidOperationException("bokmål is never looked up")).T[key]);
}
