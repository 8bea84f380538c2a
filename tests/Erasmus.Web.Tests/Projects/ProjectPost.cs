using System.Globalization;
using AngleSharp.Html.Dom;
using Erasmus.Domain.Entities;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Projects;

/// <summary>
/// The project form as a browser posts it: single fields once, and the partner select and topic
/// checkboxes as repeated names. Valid by default; tests change the field they care about.
/// </summary>
internal sealed class ProjectPost
{
    public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);
    public List<int> Partners { get; } = [];
    public List<string> Topics { get; } = [];

    public string this[string field]
    {
        get => Fields[field];
        set => Fields[field] = value;
    }

    public static ProjectPost Valid(Organisation coordinator, string? reference = null, int callYear = 2022) => new()
    {
        Fields =
        {
            ["Reference"] = reference ?? TestData.NewProjectReference(callYear, ProjectAction.KA122, Sector.VET),
            ["Action"] = nameof(ProjectAction.KA122),
            ["Sector"] = nameof(Sector.VET),
            ["CallYear"] = callYear.ToString(CultureInfo.InvariantCulture),
            ["Round"] = "1",
            ["CoordinatorId"] = coordinator.Id.ToString(CultureInfo.InvariantCulture),
            ["StartDate"] = $"{callYear}-09-01",
            ["EndDate"] = $"{callYear + 2}-08-31",
            ["DecisionDate"] = $"{callYear}-07-01",
            ["Status"] = nameof(ProjectStatus.Granted),
            ["GrantEur"] = "60000",
            ["AccreditationId"] = "",
            ["Version"] = "0",
        },
    };

    /// <summary>The form as the edit page renders it: every input's current value, selected options and checked boxes.</summary>
    public static ProjectPost FromPage(IHtmlDocument page)
    {
        var post = new ProjectPost();
        var form = page.QuerySelector("form.form")!;
        foreach (var input in form.QuerySelectorAll("input").OfType<IHtmlInputElement>())
        {
            if (input.Name is null or "__RequestVerificationToken")
            {
                continue;
            }

            if (input.Type == "checkbox")
            {
                if (input.IsChecked && input.Name == "TopicCodes")
                {
                    post.Topics.Add(input.Value);
                }
                else if (input.IsChecked)
                {
                    post.Fields[input.Name] = input.Value;
                }

                continue;
            }

            post.Fields[input.Name] = input.Value;
        }

        foreach (var select in form.QuerySelectorAll("select").OfType<IHtmlSelectElement>())
        {
            var selected = select.Options.Where(o => o.IsSelected).Select(o => o.Value).ToList();
            if (select.Name == "PartnerIds")
            {
                post.Partners.AddRange(selected.Select(v => int.Parse(v, CultureInfo.InvariantCulture)));
            }
            else
            {
                post.Fields[select.Name!] = selected.FirstOrDefault() ?? "";
            }
        }

        return post;
    }

    public IEnumerable<KeyValuePair<string, string>> Pairs() =>
        Fields.Concat(Partners.Select(p => KeyValuePair.Create("PartnerIds", p.ToString(CultureInfo.InvariantCulture))))
            .Concat(Topics.Select(t => KeyValuePair.Create("TopicCodes", t)));

    /// <summary>Gets the form page for its antiforgery token, then posts the fields.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpClient client, string formPage, string action)
    {
        var token = await AppFixture.AntiforgeryTokenAsync(client, formPage);
        var content = new FormUrlEncodedContent(Pairs().Append(KeyValuePair.Create("__RequestVerificationToken", token)));
        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    public Task<HttpResponseMessage> CreateAsync(HttpClient client) => SendAsync(client, "/prosjekter/ny", "/prosjekter/ny");

    public Task<HttpResponseMessage> EditAsync(HttpClient client, int id) => SendAsync(client, $"/prosjekter/{id}/endre", $"/prosjekter/{id}/endre");
}
