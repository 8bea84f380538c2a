using System.Globalization;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Erasmus.Web.Features.Import;

/// <summary>
/// Spreadsheet import in two steps: upload (read and checked in the background, with progress), then
/// a preview of new, changed, unchanged and rejected rows, then confirm. Also the templates and the
/// export in the same layout. Analysts import nationally, coordinators their own county's rows;
/// administrators do not edit domain records. A batch is its uploader's alone.
/// </summary>
[Route("import")]
public sealed class ImportController(ErasmusDbContext db, ImportQueue queue, ImportProgress progress, IOptions<ImportOptions> options,
    IAntiforgery antiforgery, TimeProvider time) : RecordController
{
    private const int RecentBatches = 10;

    [Authorize(Policy = Policies.EditDomainData)]
    [HttpGet("")]
    public async Task<IActionResult> Index(string? type, CancellationToken cancellationToken) =>
        View(await IndexModelAsync(KindOf(type), cancellationToken));

    /// <summary>
    /// The form is read here rather than by model binding, so that a file over the limit gets the page
    /// with a message instead of an error; the antiforgery token is then checked by hand.
    /// </summary>
    [Authorize(Policy = Policies.EditDomainData)]
    [HttpPost("")]
    [IgnoreAntiforgeryToken]
    [RequestSizeLimit(ImportOptions.MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = ImportOptions.MaxRequestBytes)]
    public async Task<IActionResult> Upload(CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            form = await Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException)
        {
            ModelState.AddModelError("File", $"Filen er større enn {ImportOptions.MaxFileText}, som er det største importen tar imot. Del den opp i flere filer.");
            return View(nameof(Index), await IndexModelAsync(ImportKind.Mobilities, cancellationToken));
        }

        try
        {
            await antiforgery.ValidateRequestAsync(HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            return BadRequest();
        }

        var kind = KindOf(form["Kind"]);
        var file = form.Files.GetFile("File");
        var extension = Path.GetExtension(file?.FileName ?? "").ToLowerInvariant();
        if (file is null || (file.Length == 0 && string.IsNullOrEmpty(file.FileName)))
        {
            ModelState.AddModelError("File", "Velg en fil å importere.");
        }
        else if (PlainText.HasHiddenCharacters(file.FileName))
        {
            // The name is shown to others (the audit log) and a direction override can disguise the extension.
            ModelState.AddModelError("File", "Filnavnet inneholder kontrolltegn eller usynlige tegn som endrer skriveretningen. Gi filen et vanlig navn og last den opp på nytt.");
        }
        else if (extension is not (".xlsx" or ".csv"))
        {
            ModelState.AddModelError("File", extension == ".xls"
                ? "Det gamle Excel-formatet (.xls) kan ikke importeres. Lagre filen som «Excel-arbeidsbok (.xlsx)» eller som CSV."
                : "Filen må være en Excel-arbeidsbok (.xlsx) eller en CSV-fil (.csv).");
        }
        else if (file.Length > ImportOptions.MaxFileBytes)
        {
            ModelState.AddModelError("File", string.Create(CultureInfo.GetCultureInfo("nb-NO"),
                $"Filen er {file.Length / (1024.0 * 1024.0):0.0} MB. Største tillatte størrelse er {ImportOptions.MaxFileText}; del den opp i flere filer."));
        }
        else if (file.Length == 0)
        {
            ModelState.AddModelError("File", "Filen er tom.");
        }

        if (!ModelState.IsValid)
        {
            return View(nameof(Index), await IndexModelAsync(kind, cancellationToken));
        }

        var batch = new ImportBatch
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            Status = ImportStatus.Queued,
            FileName = FileNameOf(file!.FileName),
            FileSize = file.Length,
            UserName = User.Identity?.Name ?? "",
            National = User.IsInRole(Roles.Analyst),
            CountyNumber = User.IsInRole(Roles.Analyst) ? null : User.CountyNumber(),
            CreatedAt = time.GetUtcNow(),
        };
        Directory.CreateDirectory(options.Value.Folder);
        await using (var target = System.IO.File.Create(options.Value.PathOf(batch.Id)))
        {
            await file.CopyToAsync(target, cancellationToken);
        }

        db.Set<ImportBatch>().Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        queue.Enqueue(new ImportJob(batch.Id, Confirm: false));
        return RedirectToAction(nameof(Details), new { id = batch.Id });
    }

    /// <summary>While the file is read: the progress (refresh the page, or let the script do it). Then the preview, one list at a time.</summary>
    [Authorize(Policy = Policies.EditDomainData)]
    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details(Guid id, string? vis, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (batch, refused) = await OwnBatchAsync(id, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        return View(await ImportQueries.DetailsAsync(db, batch, progress.Get(id), vis, page, pageSize, options.Value, cancellationToken));
    }

    /// <summary>A small JSON status for the page's script to poll.</summary>
    [Authorize(Policy = Policies.EditDomainData)]
    [HttpGet("{id:guid}/status")]
    public async Task<IActionResult> Status(Guid id, CancellationToken cancellationToken)
    {
        var (batch, refused) = await OwnBatchAsync(id, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var status = ImportQueries.StatusOf(batch, progress.Get(id));
        return Json(new { status = batch.Status.ToString(), done = !batch.IsWorking, text = status.Text, percent = status.Percent, rows = status.Rows });
    }

    /// <summary>Writes the staged rows. Only a batch that is ready moves on, so a double click confirms once.</summary>
    [Authorize(Policy = Policies.EditDomainData)]
    [HttpPost("{id:guid}/bekreft")]
    public async Task<IActionResult> Confirm(Guid id, CancellationToken cancellationToken)
    {
        var (_, refused) = await OwnBatchAsync(id, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var claimed = await db.Set<ImportBatch>().Where(b => b.Id == id && b.Status == ImportStatus.Ready)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Confirming).SetProperty(b => b.Message, (string?)null)
                .SetProperty(b => b.StartedAt, time.GetUtcNow()), cancellationToken);
        if (claimed == 1)
        {
            queue.Enqueue(new ImportJob(id, Confirm: true));
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    [Authorize(Policy = Policies.EditDomainData)]
    [HttpPost("{id:guid}/avbryt")]
    public async Task<IActionResult> Cancel(Guid id, CancellationToken cancellationToken)
    {
        var (batch, refused) = await OwnBatchAsync(id, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var cancelled = await db.Set<ImportBatch>().Where(b => b.Id == id && (b.Status == ImportStatus.Ready || b.Status == ImportStatus.Failed))
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Cancelled), cancellationToken);
        if (cancelled == 1)
        {
            await db.Set<ImportMobilityRow>().Where(r => r.BatchId == id).ExecuteDeleteAsync(cancellationToken);
            await db.Set<ImportProjectRow>().Where(r => r.BatchId == id).ExecuteDeleteAsync(cancellationToken);
            await db.Set<ImportRecordRow>().Where(r => r.BatchId == id).ExecuteDeleteAsync(cancellationToken);
            return Notice($"Importen av {batch.FileName} er avbrutt. Ingenting er lagret.", RedirectToAction(nameof(Index), new { type = TypeOf(batch.Kind) }));
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>Every rejection of the batch as a spreadsheet (row, column, value, message), beside the paged list; ?format=csv for CSV.</summary>
    [Authorize(Policy = Policies.EditDomainData)]
    [HttpGet("{id:guid}/avviste")]
    public async Task<IActionResult> Rejections(Guid id, string? format, CancellationToken cancellationToken)
    {
        var (batch, refused) = await OwnBatchAsync(id, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var name = "avviste-rader-" + ImportExport.FilePart(Path.GetFileNameWithoutExtension(batch.FileName));
        var sheet = ImportExport.Rejections(db, id);
        return IsCsv(format)
            ? await FileAsync(name + ".csv", (stream, ct) => SpreadsheetWriter.WriteCsvAsync(stream, sheet, ct), cancellationToken)
            : await FileAsync(name + ".xlsx", (stream, ct) => SpreadsheetWriter.WriteXlsxAsync(stream, [sheet], ct), cancellationToken);
    }

    /// <summary>The template: headers, an example row, a sheet documenting each column (and the activity types), as .xlsx or .csv.</summary>
    [HttpGet("mal")]
    public async Task<IActionResult> Template(string? type, string? format, CancellationToken cancellationToken)
    {
        var kind = KindOf(type);
        var name = "mal-" + TypeOf(kind);
        if (IsCsv(format))
        {
            return await FileAsync(name + ".csv", (stream, ct) => SpreadsheetWriter.WriteCsvAsync(stream, ImportExport.Template(kind), ct), cancellationToken);
        }

        var sheets = new List<SheetContent> { ImportExport.Template(kind), ImportExport.Guide(kind) };
        if (kind == ImportKind.Mobilities)
        {
            sheets.Add(await ImportExport.ActivityTypesAsync(db, cancellationToken));
        }

        return await FileAsync(name + ".xlsx", (stream, ct) => SpreadsheetWriter.WriteXlsxAsync(stream, sheets, ct), cancellationToken);
    }

    /// <summary>
    /// A project's mobilities (?project=id, or ?reference=project number) or a county's (?county=NN); with
    /// ?type=prosjekter the project rows instead. Same layout as the import; ?format=csv for CSV.
    /// </summary>
    [HttpGet("eksport")]
    public async Task<IActionResult> Export(int? project, string? reference, string? county, string? type, string? format, CancellationToken cancellationToken)
    {
        var kind = KindOf(type);
        if (project is null && !string.IsNullOrWhiteSpace(reference))
        {
            var normalised = reference.Trim().ToUpperInvariant();
            project = await db.Projects.Where(p => p.Reference == normalised).Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellationToken);
            if (project is null)
            {
                return NotFound();
            }
        }

        string name;
        SheetContent sheet;
        if (project is { } projectId)
        {
            var projectReference = await db.Projects.Where(p => p.Id == projectId).Select(p => p.Reference).SingleOrDefaultAsync(cancellationToken);
            if (projectReference is null)
            {
                return NotFound();
            }

            (name, sheet) = kind == ImportKind.Mobilities
                ? ($"mobiliteter-{ImportExport.FilePart(projectReference)}", ImportExport.Mobilities(ImportExport.MobilitiesOfProject(db, projectId)))
                : ($"prosjekt-{ImportExport.FilePart(projectReference)}", ImportExport.Projects(db, db.Projects.Where(p => p.Id == projectId)));
        }
        else if (ImportExport.IsCounty(county) && await db.Counties.AnyAsync(c => c.Number == county, cancellationToken))
        {
            (name, sheet) = kind == ImportKind.Mobilities
                ? ($"mobiliteter-fylke-{county}", ImportExport.Mobilities(ImportExport.MobilitiesOfCounty(db, county!)))
                : ($"prosjekter-fylke-{county}", ImportExport.Projects(db, ImportExport.ProjectsOfCounty(db, county!)));
        }
        else
        {
            return NotFound();
        }

        return IsCsv(format)
            ? await FileAsync(name + ".csv", (stream, ct) => SpreadsheetWriter.WriteCsvAsync(stream, sheet, ct), cancellationToken)
            : await FileAsync(name + ".xlsx", (stream, ct) => SpreadsheetWriter.WriteXlsxAsync(stream, [sheet], ct), cancellationToken);
    }

    /// <summary>The progress script, served from here because the content security policy allows scripts from the site only.</summary>
    [AllowAnonymous]
    [HttpGet("fremdrift.js")]
    public IActionResult Script()
    {
        Response.Headers.CacheControl = "public, max-age=3600";
        return Content(ImportQueries.ProgressScript, "text/javascript; charset=utf-8");
    }

    public static string TypeOf(ImportKind kind) => kind switch
    {
        ImportKind.Projects => "prosjekter",
        ImportKind.Organisations => "organisasjoner",
        ImportKind.Accreditations => "akkrediteringer",
        _ => "mobiliteter",
    };

    private static ImportKind KindOf(string? type) =>
        Enum.GetValues<ImportKind>().FirstOrDefault(k => string.Equals(type, TypeOf(k), StringComparison.OrdinalIgnoreCase)
            || string.Equals(type, k.ToString(), StringComparison.OrdinalIgnoreCase));

    private static bool IsCsv(string? format) => string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);

    private static string FileNameOf(string name)
    {
        var file = Path.GetFileName(name.Replace('\\', '/'));
        return file.Length <= 200 ? file : file[..150] + "…" + Path.GetExtension(file);
    }

    /// <summary>
    /// The user's own batch (a batch is its uploader's alone), or the refusal: 404 when there is none, 403
    /// when it is someone else's. The batch is only to be read when there is no refusal.
    /// </summary>
    private async Task<(ImportBatch Batch, IActionResult? Refused)> OwnBatchAsync(Guid id, CancellationToken cancellationToken)
    {
        var batch = await db.Set<ImportBatch>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        return (batch!, Refusal(batch, IsOwner));
    }

    private bool IsOwner(ImportBatch batch) => string.Equals(batch.UserName, User.Identity?.Name, StringComparison.OrdinalIgnoreCase);

    private async Task<ImportIndexModel> IndexModelAsync(ImportKind kind, CancellationToken cancellationToken)
    {
        var user = User.Identity?.Name ?? "";
        var recent = await db.Set<ImportBatch>().AsNoTracking().Where(b => b.UserName == user)
            .OrderByDescending(b => b.CreatedAt).Take(RecentBatches).ToListAsync(cancellationToken);
        var county = User.CountyNumber();
        var countyName = county is null ? null : await db.Counties.Where(c => c.Number == county).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken);
        var counties = await db.Counties.AsNoTracking().Where(c => c.ValidTo == null).OrderBy(c => c.Name)
            .Select(c => new FieldOption(c.Number, c.Name)).ToListAsync(cancellationToken);
        return new ImportIndexModel(kind, recent, options.Value, User.IsInRole(Roles.Analyst), countyName, counties, county);
    }

    /// <summary>Writes to a temporary file (the zip of an .xlsx needs a seekable stream) that is deleted once sent.</summary>
    private async Task<IActionResult> FileAsync(string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "erasmus-export-" + Guid.NewGuid().ToString("N"));
        var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 65536, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await write(stream, cancellationToken);
            stream.Position = 0;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }

        var contentType = name.EndsWith(".csv", StringComparison.Ordinal)
            ? "text/csv; charset=utf-8"
            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        return File(stream, contentType, name);
    }
}

public sealed record ImportIndexModel(ImportKind Kind, IReadOnlyList<ImportBatch> Recent, ImportOptions Options, bool National, string? CountyName,
    IReadOnlyList<FieldOption> Counties, string? OwnCounty)
{
    public IReadOnlyList<ImportColumn> Columns => ImportExport.ColumnsOf(Kind);
}
