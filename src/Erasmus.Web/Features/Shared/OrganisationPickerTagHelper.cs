using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Erasmus.Web.Features.Shared;

/// <summary>
/// An organisation field: <c>&lt;organisation-picker asp-for="Form.CoordinatorId" unprefixed="true" groups="…" /&gt;</c>.
/// It renders a plain select (multiple for a list of ids), labelled and described like <see cref="FieldTagHelper"/>,
/// which works without JavaScript; wwwroot/js/organisation-picker.js turns it into a search-as-you-type combobox
/// (decision 0018). The select stays the form's value holder: every option carries data-country, and the script
/// selects options and raises change on the select, so other scripts can listen to it.
/// What the picker searches besides the name (municipality, organisation number, OID) is written once per page
/// as JSON, not on every option, since a page often offers the same organisations in two fields.
/// </summary>
[HtmlTargetElement("organisation-picker", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class OrganisationPickerTagHelper(IStringLocalizer<SharedResource> localizer, IOptions<MvcViewOptions> viewOptions, IFileVersionProvider fileVersions) : TagHelper
{
    public const string ScriptPath = "/js/organisation-picker.js";

    // Names keep their letters (ø, not &#xF8;): the option lists are most of an edit page's bytes.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    // Escapes <, > and & too, so a name cannot end the script element that holds the JSON.
    private static readonly JavaScriptEncoder JsonText = JavaScriptEncoder.Create(UnicodeRanges.All);

    private static readonly object PageState = new();

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    /// <summary>Posts the field by its property name alone (<c>asp-for="Form.CoordinatorId"</c> posted as "CoordinatorId").</summary>
    [HtmlAttributeName("unprefixed")]
    public bool Unprefixed { get; set; }

    /// <summary>The label where the property has no [Label].</summary>
    [HtmlAttributeName("label")]
    public string? Label { get; set; }

    [HtmlAttributeName("hint")]
    public string? Hint { get; set; }

    /// <summary>The hint to show instead once the script has made the field a picker (the plain hint may explain Ctrl-click).</summary>
    [HtmlAttributeName("picker-hint")]
    public string? PickerHint { get; set; }

    [HtmlAttributeName("groups")]
    public IEnumerable<OrganisationOptionGroup> Groups { get; set; } = [];

    /// <summary>The first option of a single choice, meaning none chosen.</summary>
    [HtmlAttributeName("empty-option")]
    public string? EmptyOption { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    // Named T so that the localisation test finds these keys as it finds the views'.
    private IStringLocalizer<SharedResource> T => localizer;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var attributes = For.Metadata is DefaultModelMetadata metadata ? metadata.Attributes.PropertyAttributes ?? [] : [];
        var name = Unprefixed ? For.Metadata.PropertyName ?? For.Name : ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = TagBuilder.CreateSanitizedId(name, viewOptions.Value.HtmlHelperOptions.IdAttributeDotReplacement);
        var multiple = For.Metadata.IsEnumerableType;
        var selected = For.Model switch
        {
            int one => new HashSet<int> { one },
            IEnumerable<int> many => [.. many],
            _ => [],
        };
        var error = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.Errors.FirstOrDefault()?.ErrorMessage is { } message
            ? localizer.Translate(message)
            : null;
        var required = attributes.OfType<RequiredAttribute>().Any();
        var label = Label ?? (attributes.OfType<LabelAttribute>().FirstOrDefault() is { } labelAttribute
            ? T[labelAttribute.Text].Value
            : throw new InvalidOperationException($"The organisation field {name} needs a [Label] on its property or a label attribute."));
        var groups = Groups.ToList();

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", error is null ? "field organisation-field" : "field organisation-field field-error");
        // The script's words, in the page's language.
        output.Attributes.SetAttribute("data-text-search", T["Søk på navn, sted, organisasjonsnummer eller OID, og velg med piltastene og Enter."].Value);
        output.Attributes.SetAttribute("data-text-hits", T["{0} treff"].Value);
        output.Attributes.SetAttribute("data-text-hit", T["1 treff"].Value);
        output.Attributes.SetAttribute("data-text-first", T["{0} treff, de {1} første vises. Skriv mer for å snevre inn."].Value);
        output.Attributes.SetAttribute("data-text-none", T["Ingen treff"].Value);
        if (multiple)
        {
            output.Attributes.SetAttribute("data-text-chosen", T["Valgte organisasjoner"].Value);
            output.Attributes.SetAttribute("data-text-nothing", T["Ingen valgt"].Value);
            output.Attributes.SetAttribute("data-text-remove", T["Fjern"].Value);
            output.Attributes.SetAttribute("data-text-added", T["{0} er lagt til."].Value);
            output.Attributes.SetAttribute("data-text-removed", T["{0} er fjernet."].Value);
        }

        var html = new StringBuilder();
        html.Append("<label for=\"").Append(id).Append("\">").Append(Html.Encode(label));
        if (required)
        {
            html.Append("<span class=\"required\" aria-hidden=\"true\"> *</span>");
        }

        html.Append("</label>");
        if (Hint is not null)
        {
            html.Append("<p class=\"hint\" id=\"").Append(id).Append("-hint\"");
            if (PickerHint is not null)
            {
                html.Append(" data-picker-hint=\"").Append(Html.Encode(PickerHint)).Append('"');
            }

            html.Append('>').Append(Html.Encode(Hint)).Append("</p>");
        }

        if (error is not null)
        {
            html.Append("<p class=\"error-message\" id=\"").Append(id).Append("-error\"><span class=\"visually-hidden\">")
                .Append(Html.Encode(T["Feil:"].Value)).Append("</span> ").Append(Html.Encode(error)).Append("</p>");
        }

        var describedBy = string.Join(" ", new[] { Hint is null ? null : id + "-hint", error is null ? null : id + "-error" }.OfType<string>());
        html.Append("<select id=\"").Append(id).Append("\" name=\"").Append(Html.Encode(name)).Append("\" data-organisation-picker");
        if (multiple)
        {
            var size = Math.Clamp(groups.Sum(g => g.Options.Count) + groups.Count, 4, 14);
            html.Append(" multiple size=\"").Append(size.ToString(CultureInfo.InvariantCulture)).Append('"');
        }

        if (describedBy.Length > 0)
        {
            html.Append(" aria-describedby=\"").Append(describedBy).Append('"');
        }

        if (error is not null)
        {
            html.Append(" aria-invalid=\"true\"");
        }

        if (required)
        {
            html.Append(" required");
        }

        html.Append('>');
        if (EmptyOption is not null && !multiple)
        {
            html.Append("<option value=\"\">").Append(Html.Encode(EmptyOption)).Append("</option>");
        }

        // Lean markup, as HTML allows: no end tags, no quotes around ids and country codes, no indentation.
        // A list of 720 organisations is otherwise some 30 KB more, and most pages carry two.
        foreach (var group in groups)
        {
            html.Append("<optgroup label=\"").Append(Html.Encode(group.Label)).Append("\">");
            foreach (var option in group.Options)
            {
                var markup = MarkupOf(option);
                html.Append(markup.Start);
                if (selected.Contains(option.Id))
                {
                    html.Append(" selected");
                }

                html.Append(markup.End);
            }
        }

        html.Append("</select>");
        AppendDetails(html, groups);
        // In the builder's own chunks: the whole list as one string (200 000 characters for 3 000 organisations)
        // would go to the large object heap on every form, and those allocations bring full garbage collections.
        foreach (var chunk in html.GetChunks())
        {
            for (var at = 0; at < chunk.Length; at += 16_384)
            {
                output.Content.AppendHtml(new string(chunk.Span[at..Math.Min(chunk.Length, at + 16_384)]));
            }
        }
    }

    /// <summary>
    /// An option's markup around where "selected" goes, and its search details as a JSON member: made once per option
    /// object. The forms' options come from <see cref="OrganisationDirectory"/>, the same objects for every request
    /// while the organisations are unchanged, so a form with thousands of them encodes none again.
    /// </summary>
    private sealed record OptionMarkup(string Start, string End, string? Details);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<OrganisationOption, OptionMarkup> Markups = [];

    private static OptionMarkup MarkupOf(OrganisationOption option) => Markups.GetValue(option, o => new OptionMarkup(
        "<option value=" + o.Value + " data-country=" + Bare(o.CountryCode),
        ">" + Html.Encode(o.Name),
        o.Municipality is null && o.OrganisationNumber is null && o.Oid is null
            ? null
            // The numbers are validated and hold no |; a municipality is free text, so its | becomes a space.
            : "\"" + o.Value + "\":\"" + JsonEncodedText.Encode(string.Join('|', o.Municipality?.Replace('|', ' ') ?? "", o.OrganisationNumber ?? "", o.Oid ?? ""), JsonText) + "\""));

    /// <summary>An attribute value without quotes when HTML allows it (letters and digits), else quoted.</summary>
    private static string Bare(string value) =>
        value.Length > 0 && value.All(char.IsAsciiLetterOrDigit) ? value : "\"" + Html.Encode(value) + "\"";

    /// <summary>
    /// The search details of the organisations no earlier picker of the page has written, as
    /// <c>{"id":"municipality|organisation number|OID"}</c>, and the script on the first.
    /// </summary>
    private void AppendDetails(StringBuilder html, IEnumerable<OrganisationOptionGroup> groups)
    {
        var items = ViewContext.HttpContext.Items;
        var first = items[PageState] is not HashSet<int>;
        if (first)
        {
            items[PageState] = new HashSet<int>();
        }

        var written = (HashSet<int>)items[PageState]!;
        var any = false;
        foreach (var option in groups.SelectMany(g => g.Options).Where(o => written.Add(o.Id)))
        {
            if (MarkupOf(option).Details is { } details)
            {
                html.Append(any ? "," : "<script type=\"application/json\" data-organisation-details>{").Append(details);
                any = true;
            }
        }

        if (any)
        {
            html.Append("}</script>");
        }

        if (first)
        {
            var src = fileVersions.AddFileVersionToPath(ViewContext.HttpContext.Request.PathBase, ScriptPath);
            html.Append("<script src=\"").Append(Html.Encode(src)).Append("\" defer></script>");
        }
    }
}
