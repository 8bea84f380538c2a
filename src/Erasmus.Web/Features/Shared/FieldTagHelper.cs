using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Erasmus.Web.Features.Shared;

/// <summary>
/// One labelled form field with its hint and error, wired for screen readers (aria-describedby,
/// aria-invalid): <c>&lt;form-field asp-for="Code" hint="…" /&gt;</c>. Name, label ([Label]), required
/// mark ([Required]), maxlength ([StringLength]/[MaxLength]), min/max ([Range]) and input type
/// ([DataType], [EmailAddress], the property's type) come from the form, so a renamed property breaks
/// the build and a changed limit shows in the page without restating it. A field an action binds as a
/// parameter rather than a form property (a file upload) is named instead: <c>name="file" label="…"</c>.
/// </summary>
[HtmlTargetElement("form-field", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("form-field", Attributes = "name", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(IStringLocalizer<SharedResource> localizer, IOptions<MvcViewOptions> viewOptions) : TagHelper
{
    [HtmlAttributeName("asp-for")]
    public ModelExpression? For { get; set; }

    /// <summary>The posted name of a field that is an action's parameter, not a form property.</summary>
    [HtmlAttributeName("name")]
    public string? Name { get; set; }

    /// <summary>For a named field only: a form property says it by [Required].</summary>
    [HtmlAttributeName("required")]
    public bool? Required { get; set; }

    /// <summary>A length limit the property's type cannot carry as [StringLength] (a decimal typed as text).</summary>
    [HtmlAttributeName("maxlength")]
    public int? MaxLength { get; set; }

    /// <summary>A label for a field whose words depend on the record (the target's unit, an activity's name); otherwise [Label].</summary>
    [HtmlAttributeName("label")]
    public string? Label { get; set; }

    [HtmlAttributeName("hint")]
    public string? Hint { get; set; }

    /// <summary>"textarea", or an input type the property's type does not imply (number for typed digits kept as text).</summary>
    [HtmlAttributeName("type")]
    public string? Type { get; set; }

    /// <summary>Makes the field a select with these options.</summary>
    [HtmlAttributeName("options")]
    public IEnumerable<FieldOption>? Options { get; set; }

    [HtmlAttributeName("autocomplete")]
    public string? Autocomplete { get; set; }

    [HtmlAttributeName("inputmode")]
    public string? InputMode { get; set; }

    /// <summary>The value where the expression cannot be read as such (an entry of a dictionary that may be absent).</summary>
    [HtmlAttributeName("value")]
    public string? Value { get; set; }

    /// <summary>
    /// Posts the field by its property name alone, for a form nested in a page model
    /// (<c>asp-for="Form.MinDays"</c> posted as "MinDays", as the action binds it).
    /// </summary>
    [HtmlAttributeName("unprefixed")]
    public bool Unprefixed { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var attributes = For?.Metadata is DefaultModelMetadata metadata ? metadata.Attributes.PropertyAttributes ?? [] : [];
        var name = Name
            ?? (For is null ? throw new InvalidOperationException("A form-field needs asp-for or name.")
                : Unprefixed ? For.Metadata.PropertyName ?? For.Name
                : ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name));
        var id = TagBuilder.CreateSanitizedId(name, viewOptions.Value.HtmlHelperOptions.IdAttributeDotReplacement);
        var state = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry : null;
        // Messages are keyed by their bokmål text; English users get the translation where one exists.
        var error = state?.Errors.FirstOrDefault()?.ErrorMessage is { } message ? localizer.Translate(message) : null;
        var required = Required ?? attributes.OfType<RequiredAttribute>().Any();
        var label = Label ?? (attributes.OfType<LabelAttribute>().FirstOrDefault() is { } labelAttribute
            ? localizer[labelAttribute.Text].Value
            : throw new InvalidOperationException($"The field {name} needs a [Label] on its property or a label attribute."));
        var type = Options is not null ? "select" : Type ?? (For is null ? "text" : TypeOf(For.Metadata, attributes));
        // A given value attribute wins even when empty: reading the expression could throw (a dictionary's absent key).
        var value = state?.AttemptedValue ?? (context.AllAttributes.ContainsName("value") ? Value : Text(For?.Model));
        var describedBy = string.Join(" ", new[] { Hint is null ? null : id + "-hint", error is null ? null : id + "-error" }.OfType<string>());

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", error is null ? "field" : "field field-error");

        var labelTag = new TagBuilder("label");
        labelTag.Attributes["for"] = id;
        labelTag.InnerHtml.Append(label);
        if (required)
        {
            labelTag.InnerHtml.AppendHtml("<span class=\"required\" aria-hidden=\"true\"> *</span>");
        }

        output.Content.AppendHtml(labelTag);
        if (Hint is not null)
        {
            var hint = new TagBuilder("p");
            hint.AddCssClass("hint");
            hint.Attributes["id"] = id + "-hint";
            hint.InnerHtml.Append(Hint);
            output.Content.AppendHtml(hint);
        }

        if (error is not null)
        {
            var errorTag = new TagBuilder("p");
            errorTag.AddCssClass("error-message");
            errorTag.Attributes["id"] = id + "-error";
            errorTag.InnerHtml.AppendHtml("<span class=\"visually-hidden\">").Append(localizer["Feil:"].Value).AppendHtml("</span> ").Append(error);
            output.Content.AppendHtml(errorTag);
        }

        var control = new TagBuilder(type is "select" or "textarea" ? type : "input");
        control.Attributes["id"] = id;
        control.Attributes["name"] = name;
        switch (type)
        {
            case "select":
                foreach (var option in Options!)
                {
                    var optionTag = new TagBuilder("option");
                    optionTag.Attributes["value"] = option.Value;
                    if (option.Country is { } country)
                    {
                        optionTag.Attributes["data-country"] = country;
                    }

                    if (option.Value == value)
                    {
                        optionTag.Attributes["selected"] = "selected";
                    }

                    optionTag.InnerHtml.Append(option.Text);
                    control.InnerHtml.AppendHtml(optionTag);
                }

                break;
            case "textarea":
                control.Attributes["rows"] = "4";
                control.InnerHtml.Append(value ?? "");
                break;
            default:
                control.TagRenderMode = TagRenderMode.StartTag;
                control.Attributes["type"] = type;
                if (type != "password" && value is not null)
                {
                    control.Attributes["value"] = value;
                }

                break;
        }

        control.Attributes["autocomplete"] = Autocomplete;
        control.Attributes["aria-describedby"] = describedBy.Length == 0 ? null : describedBy;
        control.Attributes["aria-invalid"] = error is null ? null : "true";
        control.Attributes["required"] = required ? "required" : null;
        if (control.TagName == "input")
        {
            control.Attributes["inputmode"] = InputMode ?? InputModeOf(For?.Metadata);
            control.Attributes["maxlength"] = (MaxLength ?? MaxLengthOf(attributes))?.ToString(CultureInfo.InvariantCulture);
            if (type == "number" && attributes.OfType<RangeAttribute>().FirstOrDefault() is { } range)
            {
                control.Attributes["min"] = Convert.ToString(range.Minimum, CultureInfo.InvariantCulture);
                control.Attributes["max"] = Convert.ToString(range.Maximum, CultureInfo.InvariantCulture);
            }
        }

        // TagBuilder writes an attribute even when its value is null; a missing value means no attribute.
        foreach (var empty in control.Attributes.Where(a => a.Value is null).Select(a => a.Key).ToList())
        {
            control.Attributes.Remove(empty);
        }

        output.Content.AppendHtml(control);
    }

    /// <summary>The input type the form implies: its [DataType] or [EmailAddress], else dates and whole numbers by the property's type.</summary>
    public static string TypeOf(ModelMetadata metadata, IEnumerable<object> attributes)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var dataType = attributes.OfType<DataTypeAttribute>().FirstOrDefault()?.DataType;
        return dataType switch
        {
            DataType.Password => "password",
            DataType.EmailAddress => "email",
            DataType.MultilineText => "textarea",
            DataType.Upload => "file",
            DataType.Date => "date",
            _ when attributes.OfType<EmailAddressAttribute>().Any() => "email",
            _ => metadata.UnderlyingOrModelType switch
            {
                var t when t == typeof(DateOnly) || t == typeof(DateTime) => "date",
                var t when t == typeof(int) || t == typeof(long) || t == typeof(short) => "number",
                var t when t == typeof(IFormFile) => "file",
                _ => "text",
            },
        };
    }

    private static string? InputModeOf(ModelMetadata? metadata) => metadata?.UnderlyingOrModelType switch
    {
        var t when t == typeof(int) || t == typeof(long) || t == typeof(short) => "numeric",
        var t when t == typeof(decimal) => "decimal",
        _ => null,
    };

    private static int? MaxLengthOf(IEnumerable<object> attributes) =>
        attributes.OfType<StringLengthAttribute>().FirstOrDefault()?.MaximumLength
        ?? attributes.OfType<MaxLengthAttribute>().FirstOrDefault()?.Length;

    /// <summary>The model's value as an input holds it: dates in ISO form, numbers in the user's culture as typed.</summary>
    private static string? Text(object? model) => model switch
    {
        null => null,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dateTime => dateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormFile => null,
        _ => Convert.ToString(model, CultureInfo.CurrentCulture),
    };
}
