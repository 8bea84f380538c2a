using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Linq.Expressions;
using System.Text.Encodings.Web;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Erasmus.Domain.Entities;
using Erasmus.Web;
using Erasmus.Web.Features.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Erasmus.Web.Tests.Shared;

/// <summary>The form's attributes become the field's markup: one test per attribute and per variant (no database).</summary>
public sealed class FieldTagHelperTests
{
    [Fact]
    public void Label_required_mark_and_maxlength_come_from_the_property()
    {
        var field = Render(f => f.Code, new SampleForm { Code = "KA1" });

        Assert.Equal("field", field.ClassName);
        var label = field.QuerySelector("label")!;
        Assert.Equal("Code", label.GetAttribute("for"));
        Assert.Equal("Kode *", label.TextContent);
        Assert.Equal("true", label.QuerySelector("span.required")!.GetAttribute("aria-hidden"));
        var input = field.QuerySelector("input")!;
        Assert.Equal(("Code", "Code", "text", "KA1", "40"), (input.Id, input.GetAttribute("name"), input.GetAttribute("type"), input.GetAttribute("value"), input.GetAttribute("maxlength")));
        Assert.True(input.HasAttribute("required"));
        Assert.False(input.HasAttribute("aria-describedby"));
        Assert.False(input.HasAttribute("aria-invalid"));
    }

    [Fact]
    public void An_optional_field_has_no_required_mark()
    {
        var field = Render(f => f.Municipality, new SampleForm());

        Assert.Null(field.QuerySelector("span.required"));
        Assert.False(field.QuerySelector("input")!.HasAttribute("required"));
        Assert.Equal("100", field.QuerySelector("input")!.GetAttribute("maxlength"));
    }

    [Fact]
    public void Hint_and_error_are_referenced_by_aria_describedby_and_the_attempted_value_is_kept()
    {
        var state = new ModelStateDictionary();
        state.SetModelValue("Code", "x y", "x y");
        state.AddModelError("Code", "Koden har feil form.");

        var field = Render(f => f.Code, new SampleForm { Code = "ignored" }, state, ("hint", "For eksempel KA1."));

        Assert.Equal("field field-error", field.ClassName);
        Assert.Equal("For eksempel KA1.", field.QuerySelector("p.hint#Code-hint")!.TextContent);
        var error = field.QuerySelector("p.error-message#Code-error")!;
        Assert.Equal("Feil:", error.QuerySelector("span.visually-hidden")!.TextContent);
        Assert.Equal("Feil: Koden har feil form.", error.TextContent);
        var input = field.QuerySelector("input")!;
        Assert.Equal("Code-hint Code-error", input.GetAttribute("aria-describedby"));
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal("x y", input.GetAttribute("value"));
    }

    [Fact]
    public void Label_and_error_are_shown_in_the_users_language()
    {
        var state = new ModelStateDictionary();
        state.AddModelError("Code", "Koden har feil form.");
        var english = new Dictionary<string, string> { ["Kode"] = "Code", ["Feil:"] = "Error:", ["Koden har feil form."] = "The code is malformed." };

        var field = Render(f => f.Code, new SampleForm(), state, localizer: new FakeLocalizer(english));

        Assert.Equal("Code *", field.QuerySelector("label")!.TextContent);
        Assert.Equal("Error: The code is malformed.", field.QuerySelector("p.error-message")!.TextContent);
    }

    [Fact]
    public void A_whole_number_with_a_range_is_a_number_input_with_min_and_max()
    {
        var input = Render(f => f.Count, new SampleForm { Count = 3 }).QuerySelector("input")!;

        Assert.Equal(("number", "numeric", "1", "9", "3"), (input.GetAttribute("type"), input.GetAttribute("inputmode"), input.GetAttribute("min"), input.GetAttribute("max"), input.GetAttribute("value")));
    }

    [Fact]
    public void A_date_is_a_date_input_with_an_iso_value_whatever_the_culture()
    {
        using var culture = new CultureScope("nb-NO");
        var input = Render(f => f.From, new SampleForm { From = new DateOnly(2024, 7, 1) }).QuerySelector("input")!;

        Assert.Equal(("date", "2024-07-01"), (input.GetAttribute("type"), input.GetAttribute("value")));
    }

    [Fact]
    public void A_decimal_is_text_with_a_decimal_keyboard_written_in_the_culture()
    {
        using var culture = new CultureScope("nb-NO");
        var input = Render(f => f.Amount, new SampleForm { Amount = 62.5m }).QuerySelector("input")!;

        Assert.Equal(("text", "decimal", "62,5"), (input.GetAttribute("type"), input.GetAttribute("inputmode"), input.GetAttribute("value")));
    }

    [Fact]
    public void Email_address_and_password_types_come_from_the_attributes_and_a_password_is_never_written_back()
    {
        var email = Render(f => f.Email, new SampleForm { Email = "a@b.no" }).QuerySelector("input")!;
        var state = new ModelStateDictionary();
        state.SetModelValue("Password", "hemmelig", "hemmelig");
        var password = Render(f => f.Password, new SampleForm { Password = "hemmelig" }, state).QuerySelector("input")!;

        Assert.Equal("email", email.GetAttribute("type"));
        Assert.Equal("password", password.GetAttribute("type"));
        Assert.False(password.HasAttribute("value"));
    }

    [Fact]
    public void Options_make_a_select_with_the_current_value_selected_and_no_input_attributes()
    {
        var options = new[] { new FieldOption("", "Velg sektor"), new FieldOption("SCH", "Skole"), new FieldOption("VET", "Fag- og yrkesopplæring") };

        var field = Render(f => f.Sector, new SampleForm { Sector = Sector.VET }, attributes: ("options", options));

        var select = field.QuerySelector("select#Sector")!;
        Assert.Equal("Sector", select.GetAttribute("name"));
        Assert.True(select.HasAttribute("required"));
        Assert.False(select.HasAttribute("type"));
        Assert.False(select.HasAttribute("maxlength"));
        Assert.Equal(["", "SCH", "VET"], select.QuerySelectorAll("option").Select(o => o.GetAttribute("value")!));
        Assert.Equal("Fag- og yrkesopplæring", select.QuerySelector("option[selected]")!.TextContent);
    }

    [Fact]
    public void A_textarea_holds_its_value_as_content()
    {
        var textarea = Render(f => f.Note, new SampleForm { Note = "Midtveis <revisjon>" }, attributes: ("type", "textarea")).QuerySelector("textarea")!;

        Assert.Equal(("Note", "4", "Midtveis <revisjon>"), (textarea.GetAttribute("name"), textarea.GetAttribute("rows"), textarea.TextContent));
        Assert.True(textarea.HasAttribute("required"));
    }

    [Fact]
    public void A_label_given_in_the_view_wins_and_a_field_without_any_label_is_refused()
    {
        var field = Render(f => f.Amount, new SampleForm(), attributes: ("label", "Målverdi (antall)"));

        Assert.Equal("Målverdi (antall)", field.QuerySelector("label")!.TextContent);
        Assert.Throws<InvalidOperationException>(() => Render(f => f.Unlabelled, new SampleForm()));
    }

    [Fact]
    public void A_nested_form_posts_its_fields_unprefixed_as_the_action_binds_them()
    {
        var state = new ModelStateDictionary();
        state.AddModelError("Count", "Skriv inn antallet.");

        var field = Render(p => p.Form.Count, new SamplePage(), state, ("unprefixed", true));

        var input = field.QuerySelector("input")!;
        Assert.Equal(("Count", "Count"), (input.GetAttribute("name"), input.Id));
        Assert.Equal("Feil: Skriv inn antallet.", field.QuerySelector(".error-message#Count-error")!.TextContent);
        Assert.Equal("Form.Count", Render(p => p.Form.Count, new SamplePage()).QuerySelector("input")!.GetAttribute("name"));
    }

    [Fact]
    public void A_field_bound_as_an_action_parameter_is_named_with_its_label_in_the_view()
    {
        var field = Render<SampleForm, string>(null, new SampleForm(), attributes: [("name", "file"), ("label", "CSV-fil"), ("type", "file"), ("required", true)]);

        var input = field.QuerySelector("input")!;
        Assert.Equal(("file", "file", "file"), (input.Id, input.GetAttribute("name"), input.GetAttribute("type")));
        Assert.True(input.HasAttribute("required"));
        Assert.Equal("CSV-fil *", field.QuerySelector("label")!.TextContent);
    }

    [Fact]
    public void A_dictionary_entry_is_named_by_its_key_and_an_absent_entry_is_not_read()
    {
        var form = new SampleForm();

        var input = Render(f => f.Awarded["LM-SHORT-VET"], form, attributes: [("label", "Kortvarig"), ("value", null), ("type", "number")]).QuerySelector("input")!;

        Assert.Equal(("Awarded[LM-SHORT-VET]", "Awarded_LM-SHORT-VET_"), (input.GetAttribute("name"), input.Id));
        Assert.False(input.HasAttribute("value"));
    }

    private static IElement Render<TModel, TValue>(Expression<Func<TModel, TValue>>? expression, TModel model, ModelStateDictionary? state = null,
        params (string Name, object? Value)[] attributes) => Render(expression, model, state, null, attributes);

    private static IElement Render<TModel, TValue>(Expression<Func<TModel, TValue>>? expression, TModel model, ModelStateDictionary? state,
        IStringLocalizer<SharedResource>? localizer, params (string Name, object? Value)[] attributes)
    {
        var metadata = new EmptyModelMetadataProvider();
        var viewData = new ViewDataDictionary<TModel>(metadata, state ?? new ModelStateDictionary()) { Model = model };
        var helper = new FieldTagHelper(localizer ?? new FakeLocalizer([]), Options.Create(new MvcViewOptions()))
        {
            ViewContext = new ViewContext { ViewData = viewData, HttpContext = new DefaultHttpContext() },
            For = expression is null ? null : new ModelExpressionProvider(metadata).CreateModelExpression(viewData, expression),
        };
        var all = new TagHelperAttributeList();
        foreach (var (name, value) in attributes)
        {
            all.Add(name, value);
            typeof(FieldTagHelper).GetProperties()
                .Single(p => p.GetCustomAttributes(typeof(HtmlAttributeNameAttribute), false).Cast<HtmlAttributeNameAttribute>().Any(a => a.Name == name))
                .SetValue(helper, value);
        }

        var context = new TagHelperContext("form-field", all, new Dictionary<object, object>(), "test");
        var output = new TagHelperOutput("form-field", [], (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));
        helper.Process(context, output);
        using var writer = new StringWriter();
        output.WriteTo(writer, HtmlEncoder.Default);
        return new HtmlParser().ParseDocument("<body>" + writer + "</body>").Body!.FirstElementChild!;
    }

    private sealed class SampleForm
    {
        [Label("Kode")]
        [Required]
        [StringLength(40)]
        public string Code { get; set; } = "";

        [Label("Kommune")]
        [MaxLength(100)]
        public string? Municipality { get; set; }

        [Label("Antall")]
        [Range(1, 9)]
        public int? Count { get; set; }

        [Label("Gjelder fra")]
        public DateOnly? From { get; set; }

        [Label("Beløp")]
        public decimal? Amount { get; set; }

        [Label("E-post")]
        [EmailAddress]
        public string? Email { get; set; }

        [Label("Passord")]
        [DataType(DataType.Password)]
        public string? Password { get; set; }

        [Label("Sektor")]
        [Required]
        public Sector? Sector { get; set; }

        [Label("Merknad")]
        [Required]
        public string Note { get; set; } = "";

        public string? Unlabelled { get; set; }

        public Dictionary<string, string?> Awarded { get; set; } = [];
    }

    private sealed class SamplePage
    {
        public SampleForm Form { get; set; } = new();
    }

    /// <summary>Bokmål keys are their own text; a dictionary stands in for the English resources.</summary>
    private sealed class FakeLocalizer(Dictionary<string, string> texts) : IStringLocalizer<SharedResource>
    {
        public LocalizedString this[string name] => texts.TryGetValue(name, out var text) ? new(name, text) : new(name, name, resourceNotFound: true);

        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(CultureInfo.CurrentCulture, this[name].Value, arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => texts.Select(t => new LocalizedString(t.Key, t.Value));
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo previous = CultureInfo.CurrentCulture;

        public CultureScope(string name) => CultureInfo.CurrentCulture = new CultureInfo(name);

        public void Dispose() => CultureInfo.CurrentCulture = previous;
    }
}
