using System.Globalization;
using Erasmus.Web.Features.Shared;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Erasmus.Web.Tests.Localisation;

/// <summary>Messages written in bokmål, with values in them, as an English page shows them (the app's own resources).</summary>
public sealed class MessageTranslationTests
{
    private static readonly IStringLocalizer Localizer =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    public static TheoryData<string, string> English => new()
    {
        // By name.
        { "Filen er tom.", "The file is empty." },
        // One value, kept as it is.
        { "Sektoren må stemme med prosjektnummeret (SCH).", "The sector must match the project number (SCH)." },
        { "Aktivitetstypen LM-GRP-PUPIL gjelder ikke for sektoren VET i utlysningsår 2022.", "Activity type LM-GRP-PUPIL does not apply to sector VET in call year 2022." },
        // Values that are texts of their own are translated too.
        { "Varigheten (45 dager) er utenfor det aktiviteten «Kortvarig elevmobilitet» tillater (10–29 dager).",
          "The duration (45 days) is outside what the activity «Kortvarig elevmobilitet» allows (10–29 days)." },
        { "Varigheten (1 dag) er utenfor det aktiviteten tillater (2–60 dager).", "The duration (1 day) is outside what the activity allows (2–60 days)." },
        { "Mottakerorganisasjon OID må fylles ut.", "Receiving Organisation OID is required." },
        // The most specific pattern wins over "{0} er lagret.".
        { "Prosjektet 2022-1-NO01-KA122-VET-000012345 er lagret.", "Project 2022-1-NO01-KA122-VET-000012345 has been saved." },
        { "Hamar katedralskole er lagret.", "Hamar katedralskole has been saved." },
        // Several values.
        { "Organisasjonsnummeret 974760673 er allerede registrert på Oslo kommune.", "Organisation number 974760673 is already registered to Oslo kommune." },
        { "Mobilitets-ID-en 000001-MOB-00002 står også i rad 7 for prosjektet 2022-1-NO01-KA122-VET-000012345. Hver mobilitet kan bare stå én gang i filen.",
          "Mobility ID 000001-MOB-00002 also appears in row 7 for project 2022-1-NO01-KA122-VET-000012345. Each mobility can appear only once in the file." },
        // Nothing known: the message as it is.
        { "Noe ingen har skrevet en oversettelse for.", "Noe ingen har skrevet en oversettelse for." },
    };

    [Theory]
    [MemberData(nameof(English))]
    public void An_english_page_gets_the_english_text_with_the_same_values(string bokmal, string english) =>
        Assert.Equal(english, InCulture("en-GB", () => Localizer.Translate(bokmal)));

    [Theory]
    [InlineData("Sektoren må stemme med prosjektnummeret (SCH).")]
    [InlineData("Filen er tom.")]
    public void A_bokmal_page_gets_the_message_as_written(string bokmal) =>
        Assert.Equal(bokmal, InCulture("nb-NO", () => Localizer.Translate(bokmal)));

    private static string InCulture(string name, Func<string> action)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(name);
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
