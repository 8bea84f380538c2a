using System.Globalization;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Attainment;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Reports;

/// <summary>The annual status report as an Excel workbook, for every signed-in user.</summary>
public sealed class ReportsController(StatusReport report, ErasmusDbContext db, TimeProvider time) : Controller
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    /// <summary>GET /reports/status.xlsx?asOf=YYYY-MM-DD&amp;basis=awarded|realised&amp;county=NN&amp;sector=XXX (national, today and awarded by default).</summary>
    [HttpGet("/reports/status.xlsx")]
    public async Task<IActionResult> Status([FromQuery] AttainmentQuery query, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && !string.IsNullOrEmpty(query.County) && !await db.Counties.AnyAsync(c => c.Number == query.County, cancellationToken))
        {
            ModelState.AddModelError(nameof(query.County), $"Fylket «{query.County}» finnes ikke.");
        }

        if (!ModelState.IsValid)
        {
            var messages = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage);
            return ValidationProblem(detail: string.Join(" ", messages), title: "Statusrapporten kan ikke lages med disse parameterne.", modelStateDictionary: ModelState);
        }

        var parameters = query.ToParameters(Today);
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        // A temporary file, not memory: the data sheets can hold a million rows.
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"erasmus-report-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            await report.WriteAsync(parameters, file, english, cancellationToken: cancellationToken);
            file.Position = 0;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }

        return File(file, StatusWorkbook.ContentType, StatusReport.FileName(parameters));
    }
}
