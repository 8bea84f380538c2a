using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Erasmus.Web.Infrastructure.Web;

/// <summary>
/// Why a request was refused with 400 before any action ran, for the status page (/feil/400) to say in
/// the user's language. The refusal itself stays a bare status code, so every refusal, whichever
/// action it was meant for, gets the same page in the site's layout through the status-code pages.
/// </summary>
public sealed record RefusedRequest(string Message)
{
    /// <summary>The form reader refused the body: a field name over its limit, too many fields, a value too long, or a NUL.</summary>
    public const string UnreadableFormMessage =
        "Skjemaet kunne ikke leses: det hadde et felt med et altfor langt navn eller innhold, for mange felt, eller tegn som ikke kan brukes i et skjema (som kontrolltegn). Ingenting er lagret. Gå tilbake, se over det du skrev, og send skjemaet på nytt.";

    /// <summary>The antiforgery token was missing, expired or from another session.</summary>
    public const string ExpiredFormMessage =
        "Skjemaet er utløpt eller ble ikke sendt fra denne siden (for eksempel etter at du logget inn på nytt). Ingenting er lagret. Last siden på nytt og send skjemaet igjen.";

    /// <summary>A NUL in the address: PostgreSQL cannot store or search for it.</summary>
    public const string UnusableAddressMessage =
        "Adressen inneholdt tegn som ikke kan brukes (som kontrolltegn). Ingenting er lagret. Gå tilbake og prøv igjen.";

    public static void Set(HttpContext context, string message)
    {
        // The first reason stands: a later filter sees only the consequence of the first.
        if (context.Features.Get<RefusedRequest>() is null)
        {
            context.Features.Set(new RefusedRequest(message));
        }
    }

    public static string? Of(HttpContext context) => context.Features.Get<RefusedRequest>()?.Message;
}

/// <summary>
/// Reads a posted form before the antiforgery check does, so that a form the reader refuses (a field
/// name of 300 000 characters, a NUL, thousands of fields) is answered as such rather than as a missing
/// token. Runs after [RequestFormLimits] (order 900) so an action's own limits apply, and only where the
/// antiforgery check would read the form: an action that reads its form itself ([IgnoreAntiforgeryToken],
/// the import's upload) keeps its own handling.
/// </summary>
public sealed class ReadableFormFilter : IAsyncAuthorizationFilter, IOrderedFilter
{
    public int Order => 950;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method)
            || !request.HasFormContentType || context.FindEffectivePolicy<IAntiforgeryPolicy>() is IgnoreAntiforgeryTokenAttribute)
        {
            return;
        }

        try
        {
            await request.ReadFormAsync(context.HttpContext.RequestAborted);
        }
        catch (InvalidDataException)
        {
            RefusedRequest.Set(context.HttpContext, RefusedRequest.UnreadableFormMessage);
            context.Result = new BadRequestResult();
        }
        catch (BadHttpRequestException ex)
        {
            // A body over the server's size limit (413) or one that breaks off.
            RefusedRequest.Set(context.HttpContext, RefusedRequest.UnreadableFormMessage);
            context.Result = new StatusCodeResult(ex.StatusCode);
        }
    }
}

/// <summary>Names a failed antiforgery check as an expired form; it runs even when the check short-circuited the action.</summary>
public sealed class AntiforgeryRefusalFilter : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            RefusedRequest.Set(context.HttpContext, RefusedRequest.ExpiredFormMessage);
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
