using System.Globalization;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Attainment;
using Erasmus.Web.Infrastructure.Observability;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Reports;

/// <summary>The annual status report as an Excel workbook, for every signed-in user.</summary>
public sealed class ReportsController(StatusReport report, AttainmentService attainment, ErasmusDbContext db, TimeProvider time,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer, ErasmusMetrics metrics) : Controller
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    /// <summary>GET /reports/status.xlsx?asOf=YYYY-MM-DD&amp;basis=awarded|realised&amp;county=NN&amp;sector=XXX (national, today and awarded by default).</summary>
    [HttpGet("/reports/status.xlsx")]
    public async Task<IActionResult> Status([FromQuery] AttainmentUrlParameters query, CancellationToken cancellationToken)
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
        return await WorkbookAsync(parameters, null, StatusReport.FileName(parameters, await CountyNameAsync(parameters.County, cancellationToken), English), cancellationToken);
    }

    /// <summary>
    /// A snapshot's workbook: the summary sheets show the figures exactly as frozen; breakdowns and
    /// data sheets are computed now for the snapshot's parameters (the Metode sheet says so).
    /// </summary>
    [HttpGet("/oyeblikksbilder/{id:int}/status.xlsx")]
    public async Task<IActionResult> Snapshot(int id, CancellationToken cancellationToken)
    {
        var snapshot = await db.Set<Snapshots.Snapshot>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (snapshot is null)
        {
            return NotFound();
        }

        var parameters = snapshot.ReadParameters().ToAttainment();
        return await WorkbookAsync(parameters, Freezer(snapshot), (English ? $"snapshot-{id}-" : $"oyeblikksbilde-{id}-")
            + StatusReport.FileName(parameters, await CountyNameAsync(parameters.County, cancellationToken), English), cancellationToken);
    }

    /// <summary>
    /// GET /rapport?asOf=YYYY-MM-DD&amp;basis=awarded|realised: the status chapter as a printable document,
    /// national as HK-dir publishes it. Bad parameters get a message and the defaults, never an error page.
    /// </summary>
    [HttpGet("/rapport")]
    public async Task<IActionResult> Report([FromQuery] AttainmentUrlParameters query, CancellationToken cancellationToken)
    {
        var parameters = (ModelState.IsValid ? query : new AttainmentUrlParameters()).ToParameters(Today) with { County = null, Sector = null };
        var result = await attainment.ComputeAsync(parameters, cancellationToken);
        return await ReportViewAsync(result, null, cancellationToken);
    }

    /// <summary>A snapshot's report: the tables, figures and sentences show the figures exactly as frozen.</summary>
    [HttpGet("/oyeblikksbilder/{id:int}/rapport")]
    public async Task<IActionResult> SnapshotReport(int id, CancellationToken cancellationToken)
    {
        var snapshot = await db.Set<Snapshots.Snapshot>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (snapshot is null)
        {
            return NotFound();
        }

        var result = Freezer(snapshot)(await attainment.ComputeAsync(snapshot.ReadParameters().ToAttainment(), cancellationToken));
        return await ReportViewAsync(result, snapshot, cancellationToken);
    }

    private async Task<IActionResult> ReportViewAsync(Erasmus.Domain.Attainment.AttainmentResult result, Snapshots.Snapshot? snapshot, CancellationToken cancellationToken)
    {
        var matrix = await attainment.CountyMatrixAsync(result.Parameters, cancellationToken);
        var t = new WorkbookText(English, bokmal => localizer[bokmal].Value);
        var chapter = StatusChapter.Build(result, matrix, t);
        var filters = new AttainmentFilters(result.Parameters, null);
        var workbook = snapshot is null ? $"/reports/status.xlsx?{filters.Query}" : $"/oyeblikksbilder/{snapshot.Id}/status.xlsx";
        return View("Report", new ReportPageModel(chapter, t, filters, workbook, snapshot?.Name));
    }

    /// <summary>Replaces a computed result's headline figures with a snapshot's frozen ones.</summary>
    private static Func<Erasmus.Domain.Attainment.AttainmentResult, Erasmus.Domain.Attainment.AttainmentResult> Freezer(Snapshots.Snapshot snapshot)
    {
        var frozen = snapshot.ReadResults().ToDictionary(f => f.Code, StringComparer.Ordinal);
        return result => result with
        {
            Targets = [.. result.Targets.Select(t => frozen.TryGetValue(t.Target.Code, out var f)
                ? t with
                {
                    TargetValue = f.TargetValue, Value = f.Value, Numerator = f.Numerator, Denominator = f.Denominator, PercentOfTarget = f.PercentOfTarget,
                    ExpectedByNow = f.ExpectedByNow, Status = f.Status, ProjectedAt2027 = f.ProjectedAt2027, WillBeMet = f.WillBeMet, RequiredYearlyPace = f.RequiredYearlyPace,
                }
                : t)],
        };
    }

    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    private async Task<string?> CountyNameAsync(string? county, CancellationToken cancellationToken) =>
        county is null ? null : await db.Counties.Where(c => c.Number == county).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken);

    private async Task<IActionResult> WorkbookAsync(Erasmus.Domain.Attainment.AttainmentParameters parameters,
        Func<Erasmus.Domain.Attainment.AttainmentResult, Erasmus.Domain.Attainment.AttainmentResult>? freeze, string fileName, CancellationToken cancellationToken)
    {
        var english = English;
        // A temporary file, not memory: the data sheets can hold a million rows.
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"erasmus-report-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            var started = time.GetTimestamp();
            await report.WriteAsync(parameters, file, english, freeze: freeze, cancellationToken: cancellationToken);
            metrics.ReportWritten(time.GetElapsedTime(started));
            file.Position = 0;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }

        return File(file, StatusWorkbook.ContentType, fileName);
    }
}

/// <summary>The report page: the chapter, its words, the parameters, where the workbook of the same figures is, and a snapshot's name.</summary>
public sealed record ReportPageModel(StatusChapter Chapter, WorkbookText Text, AttainmentFilters Filters, string WorkbookHref, string? SnapshotName);
