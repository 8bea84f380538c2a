using System.ComponentModel.DataAnnotations;
using System.Xml.Linq;
using Erasmus.Domain.Entities;
using Erasmus.Web.Infrastructure.Web;
using Erasmus.Web.Tests.Infrastructure;
using Erasmus.Web.Tests.Projects;

namespace Erasmus.Web.Tests.Localisation;

/// <summary>
/// Issue #15: "The field CountyNumber must be a string with a maximum length of 2" appeared untranslated. The
/// framework's own validation and binding messages are bokmål now, with English texts, and never name a
/// C# property: the whole class of messages, not one string.
/// </summary>
public sealed class ValidationMessagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>Every kind of attribute a form may use without a message of its own.</summary>
    public static TheoryData<string> Attributes => [.. SampleAttributes.Keys];

    private static readonly Dictionary<string, ValidationAttribute> SampleAttributes = new()
    {
        ["Required"] = new RequiredAttribute(),
        ["StringLength"] = new StringLengthAttribute(2),
        ["StringLength with minimum"] = new StringLengthAttribute(9) { MinimumLength = 2 },
        ["MaxLength"] = new MaxLengthAttribute(3),
        ["MinLength"] = new MinLengthAttribute(1),
        ["Range"] = new RangeAttribute(1, 3),
        ["EmailAddress"] = new EmailAddressAttribute(),
        ["Compare"] = new CompareAttribute("Other"),
        ["EnumDataType"] = new EnumDataTypeAttribute(typeof(Sector)),
        ["RegularExpression"] = new RegularExpressionAttribute("^a$"),
        ["Url"] = new UrlAttribute(),
    };

    [Theory]
    [MemberData(nameof(Attributes))]
    public void Each_default_message_is_bokmal_and_has_an_english_text(string attribute)
    {
        var message = BokmalValidationMessages.MessageFor(SampleAttributes[attribute]);

        Assert.DoesNotContain("field", message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(message, ResourceNames());
    }

    [Fact]
    public async Task A_field_without_a_message_of_its_own_is_explained_in_bokmal_and_in_english()
    {
        Organisation holder;
        await using (var db = app.CreateDbContext())
        {
            holder = await new TestData(db).OrganisationAsync("46");
        }

        var client = await app.SignInAsAsync(TestRoles.Analyst);
        // MemberCounty has [StringLength(2)] and no message: the framework's default was English and named the property.
        var fields = new Dictionary<string, string>
        {
            ["Code"] = $"2021-1-NO01-KA120-VET-{TestData.NextSerial():D9}", ["Sector"] = "VET", ["HolderId"] = holder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ValidFrom"] = "2021-02-01", ["Status"] = "Active", ["DecisionDate"] = "2021-01-15", ["MemberCounty"] = "123",
        };

        var bokmal = await SummaryAsync(client, "/akkrediteringer/ny", fields);
        await AppFixture.PostFormAsync(client, "/", "/sprak", new() { ["culture"] = "en-GB", ["returnUrl"] = "/" });
        var english = await SummaryAsync(client, "/akkrediteringer/ny", fields);

        Assert.Contains("Teksten kan ha høyst 2 tegn.", bokmal, StringComparison.Ordinal);
        Assert.Contains("The text can have at most 2 characters.", english, StringComparison.Ordinal);
        Assert.DoesNotContain("MemberCounty", bokmal + english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_the_binder_cannot_read_is_explained_without_the_property_name()
    {
        Organisation coordinator;
        await using (var db = app.CreateDbContext())
        {
            coordinator = await new TestData(db).OrganisationAsync("46");
        }

        var client = await app.SignInAsAsync(TestRoles.Analyst);
        var post = ProjectPost.Valid(coordinator);
        post["CallYear"] = "tjueto";

        var bokmal = await SummaryAsync(client, "/prosjekter/ny", post.Pairs());
        await AppFixture.PostFormAsync(client, "/", "/sprak", new() { ["culture"] = "en-GB", ["returnUrl"] = "/" });
        var english = await SummaryAsync(client, "/prosjekter/ny", post.Pairs());

        Assert.Contains("Verdien «tjueto» er ikke gyldig for feltet.", bokmal, StringComparison.Ordinal);
        Assert.Contains("The value «tjueto» is not valid for the field.", english, StringComparison.Ordinal);
        Assert.DoesNotContain("CallYear", bokmal + english, StringComparison.Ordinal);
    }

    private static async Task<string> SummaryAsync(HttpClient client, string page, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await AppFixture.AntiforgeryTokenAsync(client, page);
        var response = await client.PostAsync(new Uri(page, UriKind.Relative), new FormUrlEncodedContent(fields.Append(KeyValuePair.Create("__RequestVerificationToken", token))));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await AppFixture.ParseAsync(response)).QuerySelector(".error-summary")?.TextContent ?? "(no error summary)";
    }

    private static HashSet<string> ResourceNames() =>
        [.. XDocument.Load(Path.Combine(AppProcess.RepositoryRoot(), "src", "Erasmus.Web", "Resources", "SharedResource.en.resx")).Root!
            .Elements("data").Select(d => (string)d.Attribute("name")!)];
}
