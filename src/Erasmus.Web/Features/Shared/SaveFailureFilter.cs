using System.Diagnostics;
using Erasmus.Web.Features.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Shared;

/// <summary>
/// The last line behind the controllers' own handling of <see cref="SaveFailures"/>: a save the database
/// refuses for the user's input (a duplicate, a vanished record, a value outside a constraint) answers
/// 409 or 400 with the reason on a friendly page, or problem JSON under /api, never a 500. Nothing was
/// saved: the transaction was rolled back.
/// </summary>
public sealed class SaveFailureFilter(ILogger<SaveFailureFilter> logger) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (context.ExceptionHandled || context.Exception is not DbUpdateException || SaveFailures.Describe(context.Exception) is not { } failure)
        {
            return;
        }

        logger.LogWarning(context.Exception, "A save was refused by the database and answered with a message");
        var status = SaveFailures.IsUniqueViolation(context.Exception) ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        var traceId = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        context.Result = context.HttpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            ? new ObjectResult(new ProblemDetails { Status = status, Title = failure.Message }) { StatusCode = status }
            : new ViewResult
            {
                ViewName = "~/Features/Errors/Error.cshtml",
                StatusCode = status,
                ViewData = new Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary(
                    new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), context.ModelState)
                {
                    Model = new ErrorViewModel(status, traceId) { Message = failure.Message },
                },
            };
        context.ExceptionHandled = true;
    }
}
