using System.Globalization;
using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Import;

public sealed record ImportStatusText(string Text, int? Percent, int Rows);

/// <summary>A staged mobility row as the preview lists it, with what would change for an existing mobility.</summary>
public sealed record MobilityPreviewRow(int RowNumber, string ProjectReference, string MobilityId, string ActivityTypeCode, DateOnly StartDate, DateOnly EndDate,
    int ParticipantCount, int? ExistingId, IReadOnlyList<string> Changes);

public sealed record ProjectPreviewRow(int RowNumber, string Reference, int? ExistingId, string? Changes, string? Warnings = null);

/// <summary>A staged organisation or accreditation row as the preview lists it.</summary>
public sealed record RecordPreviewRow(int RowNumber, string Key, int? ExistingId, string? Changes);

/// <summary>The lists of the preview, by their names in the URL (?vis=…).</summary>
public static class PreviewList
{
    public const string New = "nye";
    public const string Changed = "endrede";
    public const string Unchanged = "uendrede";
    public const string Rejected = "avviste";

    public static RowOutcome? OutcomeOf(string list) => list switch
    {
        New => RowOutcome.New,
        Changed => RowOutcome.Changed,
        Unchanged => RowOutcome.Unchanged,
        _ => null,
    };
}

public sealed class ImportDetailsModel
{
    public required ImportBatch Batch { get; init; }
    public required ImportStatusText Status { get; init; }
    public required ImportOptions Options { get; init; }
    public string List { get; init; } = PreviewList.Rejected;
    public PagedList<ImportRowError>? Errors { get; init; }
    public PagedList<MobilityPreviewRow>? Mobilities { get; init; }
    public PagedList<ProjectPreviewRow>? Projects { get; init; }
    public PagedList<RecordPreviewRow>? Records { get; init; }

    public int Count(string list) => list switch
    {
        PreviewList.New => Batch.NewCount,
        PreviewList.Changed => Batch.ChangedCount,
        PreviewList.Unchanged => Batch.UnchangedCount,
        _ => Batch.RejectedCount,
    };
}

public static class ImportQueries
{
    /// <summary>
    /// Polls the status endpoint while the batch is being read or confirmed and reloads the page when it
    /// is done. Without script the page says the same and offers a link to refresh.
    /// </summary>
    public const string ProgressScript = """
        (function () {
          var box = document.querySelector("[data-import-status]");
          if (!box || !window.fetch) { return; }
          var url = box.getAttribute("data-import-status");
          var text = box.querySelector("[data-import-text]");
          var bar = box.querySelector("progress");
          function poll() {
            fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
              .then(function (r) { return r.ok ? r.json() : null; })
              .then(function (s) {
                if (!s) { return; }
                if (s.done) { window.location.reload(); return; }
                if (text) { text.textContent = s.text; }
                if (bar) { if (s.percent === null) { bar.removeAttribute("value"); } else { bar.value = s.percent; } }
                window.setTimeout(poll, 1000);
              })
              .catch(function () { window.setTimeout(poll, 3000); });
          }
          window.setTimeout(poll, 1000);
        })();
        """;

    public static ImportStatusText StatusOf(ImportBatch batch, ImportProgressInfo? progress)
    {
        var nb = CultureInfo.GetCultureInfo("nb-NO");
        var percent = progress?.Fraction is { } fraction ? (int?)Math.Clamp((int)Math.Round(fraction * 100), 0, 100) : null;
        var rows = progress?.Rows ?? 0;
        return batch.Status switch
        {
            ImportStatus.Queued => new("Filen er lastet opp og venter på tur.", 0, 0),
            ImportStatus.Reading when progress is null => new("Leser filen …", null, 0),
            ImportStatus.Reading => new(rows == 0
                ? $"{progress.Phase} …"
                : $"{progress.Phase}: {rows.ToString("N0", nb)} rader" + (percent is { } p ? $" ({p} %)" : "") + " …", percent, rows),
            ImportStatus.Confirming => new("Lagrer radene i én transaksjon …", null, rows),
            ImportStatus.Ready => new("Forhåndsvisningen er klar. Ingenting er lagret ennå.", 100, batch.TotalRows),
            ImportStatus.Confirmed => new("Importen er lagret.", 100, batch.TotalRows),
            ImportStatus.Cancelled => new("Importen er avbrutt. Ingenting er lagret.", null, batch.TotalRows),
            _ => new("Filen kunne ikke importeres. Ingenting er lagret.", null, 0),
        };
    }

    public static async Task<ImportDetailsModel> DetailsAsync(ErasmusDbContext db, ImportBatch batch, ImportProgressInfo? progress, string? list, int? page, int? pageSize,
        ImportOptions options, CancellationToken cancellationToken)
    {
        var status = StatusOf(batch, progress);
        if (batch.Status is not (ImportStatus.Ready or ImportStatus.Confirmed or ImportStatus.Confirming))
        {
            return new ImportDetailsModel { Batch = batch, Status = status, Options = options };
        }

        list = list is PreviewList.New or PreviewList.Changed or PreviewList.Unchanged or PreviewList.Rejected
            ? list
            : batch.RejectedCount > 0 ? PreviewList.Rejected
            : batch.NewCount > 0 ? PreviewList.New
            : batch.ChangedCount > 0 ? PreviewList.Changed
            : PreviewList.Unchanged;
        if (list == PreviewList.Rejected)
        {
            var errors = await db.Set<ImportRowError>().AsNoTracking().Where(e => e.BatchId == batch.Id)
                .OrderBy(e => e.RowNumber).ThenBy(e => e.Id).ToPagedListAsync(page, pageSize, cancellationToken);
            return new ImportDetailsModel { Batch = batch, Status = status, Options = options, List = list, Errors = errors };
        }

        var outcome = PreviewList.OutcomeOf(list)!.Value;
        if (batch.Kind == ImportKind.Projects)
        {
            var projects = await db.Set<ImportProjectRow>().AsNoTracking().Where(r => r.BatchId == batch.Id && r.Outcome == outcome)
                .OrderBy(r => r.RowNumber).Select(r => new ProjectPreviewRow(r.RowNumber, r.Reference, r.ExistingId, r.Changes, r.Warnings))
                .ToPagedListAsync(page, pageSize, cancellationToken);
            return new ImportDetailsModel { Batch = batch, Status = status, Options = options, List = list, Projects = projects };
        }

        if (batch.Kind is ImportKind.Organisations or ImportKind.Accreditations)
        {
            var records = await db.Set<ImportRecordRow>().AsNoTracking().Where(r => r.BatchId == batch.Id && r.Outcome == outcome)
                .OrderBy(r => r.RowNumber).Select(r => new RecordPreviewRow(r.RowNumber, r.Key, r.ExistingId, r.Changes))
                .ToPagedListAsync(page, pageSize, cancellationToken);
            return new ImportDetailsModel { Batch = batch, Status = status, Options = options, List = list, Records = records };
        }

        var staged = await db.Set<ImportMobilityRow>().AsNoTracking().Where(r => r.BatchId == batch.Id && r.Outcome == outcome)
            .OrderBy(r => r.RowNumber).ToPagedListAsync(page, pageSize, cancellationToken);
        var changes = outcome == RowOutcome.Changed
            ? await ChangesAsync(db, staged.Items, batch.PresentColumns, cancellationToken)
            : [];
        var rows = new PagedList<MobilityPreviewRow>(
            [.. staged.Items.Select(r => new MobilityPreviewRow(r.RowNumber, r.ProjectReference, r.MobilityId, r.ActivityTypeCode, r.StartDate, r.EndDate,
                r.ParticipantCount, r.ExistingId, changes.GetValueOrDefault(r.RowNumber) ?? []))],
            staged.Page, staged.PageSize, staged.TotalCount);
        return new ImportDetailsModel { Batch = batch, Status = status, Options = options, List = list, Mobilities = rows };
    }

    /// <summary>For one page of changed rows: each field whose saved value the row would change, as "Sluttdato: 22.10.2021 → 23.10.2021".</summary>
    private static async Task<Dictionary<int, IReadOnlyList<string>>> ChangesAsync(ErasmusDbContext db, IReadOnlyList<ImportMobilityRow> rows, string[] present,
        CancellationToken cancellationToken)
    {
        var ids = rows.Where(r => r.ExistingId is not null).Select(r => r.ExistingId!.Value).ToList();
        var saved = await db.Mobilities.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var organisationIds = saved.Values.SelectMany(m => new[] { m.SendingOrganisationId, m.ReceivingOrganisationId })
            .Concat(rows.SelectMany(r => new[] { r.SendingOrganisationId, r.ReceivingOrganisationId })).OfType<int>().Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        bool Has(params ImportColumn[] columns) => columns.Any(c => present.Contains(c.Key));
        string Name(int? id) => id is { } i ? names.GetValueOrDefault(i, i.ToString(CultureInfo.InvariantCulture)) : "–";
        static string Date(DateOnly d) => d.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

        var result = new Dictionary<int, IReadOnlyList<string>>();
        foreach (var row in rows)
        {
            if (row.ExistingId is not { } id || !saved.TryGetValue(id, out var m))
            {
                continue;
            }

            var changes = new List<string>();
            void Compare(bool applies, string label, string before, string after)
            {
                if (applies && before != after)
                {
                    changes.Add($"{label}: {before} → {after}");
                }
            }

            Compare(true, "Aktivitetstype", m.ActivityTypeCode, row.ActivityTypeCode);
            Compare(true, "Antall deltakere", Number(m.ParticipantCount), Number(row.ParticipantCount));
            Compare(true, "Avsenderland", m.SendingCountryCode, row.SendingCountryCode);
            Compare(true, "Mottakerland", m.ReceivingCountryCode, row.ReceivingCountryCode);
            Compare(true, "Startdato", Date(m.StartDate), Date(row.StartDate));
            Compare(true, "Sluttdato", Date(m.EndDate), Date(row.EndDate));
            Compare(Has(MobilityColumns.ParticipantGroup, MobilityColumns.AccompanyingPerson), "Deltakergruppe",
                DomainText.Of(m.ParticipantGroup), Enum.TryParse<Erasmus.Domain.Rules.ParticipantGroup>(row.ParticipantGroup, out var g) ? DomainText.Of(g) : row.ParticipantGroup);
            Compare(Has(MobilityColumns.Direction), "Retning",
                DomainText.Of(m.Direction), Enum.TryParse<Erasmus.Domain.Rules.MobilityDirection>(row.Direction, out var d) ? DomainText.Of(d) : row.Direction);
            Compare(Has(MobilityColumns.Status), "Status", DomainText.Of(m.Status), Enum.TryParse<MobilityStatus>(row.Status, out var s) ? DomainText.Of(s) : row.Status);
            Compare(Has(MobilityColumns.SendingOrganisationOid, MobilityColumns.SendingOrganisationName), "Avsenderorganisasjon",
                Name(m.SendingOrganisationId), Name(row.SendingOrganisationId));
            Compare(Has(MobilityColumns.ReceivingOrganisationOid, MobilityColumns.ReceivingOrganisationName), "Mottakerorganisasjon",
                Name(m.ReceivingOrganisationId), Name(row.ReceivingOrganisationId));
            Compare(Has(MobilityColumns.FewerOpportunities), "Færre muligheter", DomainText.YesNo(m.FewerOpportunities), DomainText.YesNo(row.FewerOpportunities));
            Compare(Has(MobilityColumns.GreenTravel), "Grønn reise", DomainText.YesNo(m.GreenTravel), DomainText.YesNo(row.GreenTravel));
            Compare(Has(MobilityColumns.Blended), "Blandet mobilitet", DomainText.YesNo(m.Blended), DomainText.YesNo(row.Blended));
            result[row.RowNumber] = changes;
        }

        return result;
    }
}

/// <summary>The batch statuses in bokmål.</summary>
public static class ImportText
{
    public static string Of(ImportKind kind) => kind switch
    {
        ImportKind.Projects => "Prosjekter med partnere",
        ImportKind.Organisations => "Organisasjoner",
        ImportKind.Accreditations => "Akkrediteringer med konsortiemedlemmer",
        _ => "Mobiliteter",
    };

    public static string Of(ImportStatus status) => status switch
    {
        ImportStatus.Queued => "I kø",
        ImportStatus.Reading => "Leses",
        ImportStatus.Ready => "Klar til å bekreftes",
        ImportStatus.Confirming => "Lagres",
        ImportStatus.Confirmed => "Lagret",
        ImportStatus.Cancelled => "Avbrutt",
        _ => "Feilet",
    };
}
