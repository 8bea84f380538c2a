using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Erasmus.Web.Infrastructure.Web;

/// <summary>
/// What hostile or broken input must never reach: the binder's jQuery key syntax, PostgreSQL's text
/// type with a NUL in it, and a JSON answer with raw HTML in it. Each made a 500 or an unescaped
/// payload in the reliability tests' bad-input run.
/// </summary>
public static class InputHardening
{
    public static void Apply(MvcOptions options)
    {
        // No form here uses jQuery's a[b][c] keys (dictionaries bind with Awarded[CODE] without them), and
        // the jQuery value providers throw on a key with an unbalanced bracket.
        options.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
        options.ValueProviderFactories.RemoveType<JQueryQueryStringValueProviderFactory>();
        options.Filters.Add(new RejectNulCharactersFilter());
        // A refused form or token gets the 400 page with its reason, whichever action it was posted to.
        options.Filters.Add(new ReadableFormFilter());
        options.Filters.Add(new AntiforgeryRefusalFilter());
    }

    /// <summary>MVC's JSON leaves &lt; &gt; &amp; ' unescaped unless an encoder is set; this one escapes them and keeps æøå readable.</summary>
    public static void Apply(JsonOptions options) =>
        options.JsonSerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
}

/// <summary>
/// PostgreSQL cannot store U+0000 in text, so a NUL in a search or filter made the query fail. The
/// form reader already refuses a body with one (400); this does the same for the query string and
/// route values, before anything is bound.
/// </summary>
public sealed class RejectNulCharactersFilter : IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var query = context.HttpContext.Request.Query;
        if (query.Any(q => q.Key.Contains('\0', StringComparison.Ordinal) || q.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
            || context.RouteData.Values.Values.OfType<string>().Any(v => v.Contains('\0', StringComparison.Ordinal)))
        {
            RefusedRequest.Set(context.HttpContext, RefusedRequest.UnusableAddressMessage);
            context.Result = new BadRequestResult();
        }
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
