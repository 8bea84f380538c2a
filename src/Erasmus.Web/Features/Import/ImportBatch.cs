namespace Erasmus.Web.Features.Import;

public enum ImportKind
{
    Mobilities,
    Projects,
    Organisations,
    Accreditations,
}

/// <summary>Where an upload is: read in the background, previewed, then confirmed (or cancelled, or failed).</summary>
public enum ImportStatus
{
    Queued,
    Reading,
    Ready,
    Confirming,
    Confirmed,
    Cancelled,
    Failed,
}

/// <summary>What confirming would do to a staged row, worked out against the database when the file is read.</summary>
public enum RowOutcome
{
    New,
    Changed,
    Unchanged,
}

/// <summary>
/// One uploaded file and what became of it. The parsed rows wait in a staging table keyed by the batch
/// id between the preview and the confirmation, so nothing the browser posts can change them.
/// </summary>
public sealed class ImportBatch
{
    public Guid Id { get; set; }
    public ImportKind Kind { get; set; }
    public ImportStatus Status { get; set; }
    public string FileName { get; set; } = "";
    public long FileSize { get; set; }

    /// <summary>The uploader: only they see, confirm or cancel the batch.</summary>
    public string UserName { get; set; } = "";

    /// <summary>True for an analyst, who imports nationally; otherwise rows are limited to <see cref="CountyNumber"/>.</summary>
    public bool National { get; set; }

    public string? CountyNumber { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the current read or confirmation began: one that has run far longer than any import takes was cut short.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When the preview was ready: projects changed after this are stale for this batch.</summary>
    public DateTimeOffset? ReadAt { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }
    public int TotalRows { get; set; }
    public int NewCount { get; set; }
    public int ChangedCount { get; set; }
    public int UnchangedCount { get; set; }
    public int RejectedCount { get; set; }

    /// <summary>Headers of the file that the import does not use, shown in the preview.</summary>
    public string[] IgnoredColumns { get; set; } = [];

    /// <summary>The import's own column keys found in the file: absent optional columns leave saved values alone.</summary>
    public string[] PresentColumns { get; set; } = [];

    /// <summary>A message about the whole file (why it failed, or why confirming did not go through), in bokmål.</summary>
    public string? Message { get; set; }

    public bool IsWorking => Status is ImportStatus.Queued or ImportStatus.Reading or ImportStatus.Confirming;
}

/// <summary>A valid mobility row waiting for confirmation, with the values it will write.</summary>
public sealed class ImportMobilityRow
{
    public Guid BatchId { get; set; }
    public int RowNumber { get; set; }
    public RowOutcome Outcome { get; set; }
    public int ProjectId { get; set; }
    public string ProjectReference { get; set; } = "";
    public int? ExistingId { get; set; }
    public string MobilityId { get; set; } = "";
    public string ActivityTypeCode { get; set; } = "";
    public string ParticipantGroup { get; set; } = "";
    public string Direction { get; set; } = "";
    public int ParticipantCount { get; set; }
    public int? SendingOrganisationId { get; set; }
    public int? ReceivingOrganisationId { get; set; }
    public string SendingCountryCode { get; set; } = "";
    public string ReceivingCountryCode { get; set; } = "";
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public int DurationDays { get; set; }
    public bool FewerOpportunities { get; set; }
    public bool GreenTravel { get; set; }
    public bool Blended { get; set; }
    public string Status { get; set; } = "";
}

/// <summary>A valid project row waiting for confirmation; the parsed values as JSON, applied through the entity on confirm.</summary>
public sealed class ImportProjectRow
{
    public Guid BatchId { get; set; }
    public int RowNumber { get; set; }
    public RowOutcome Outcome { get; set; }
    public string Reference { get; set; } = "";
    public int? ExistingId { get; set; }

    /// <summary>The existing project's row version when previewed: a project saved since is not overwritten unseen.</summary>
    public long? ExistingVersion { get; set; }

    public string Payload { get; set; } = "{}";

    /// <summary>What changes, for the preview ("Status: Søkt → Innvilget; …").</summary>
    public string? Changes { get; set; }

    /// <summary>What the import corrected in the row and the user should know (a coordinator dropped from the partners), in bokmål.</summary>
    public string? Warnings { get; set; }
}

/// <summary>Why a row was rejected: its row number in the file, the column as the file names it, and a bokmål message.</summary>
public sealed class ImportRowError
{
    public long Id { get; set; }
    public Guid BatchId { get; set; }
    public int RowNumber { get; set; }
    public string ColumnName { get; set; } = "";
    public string Message { get; set; } = "";

    /// <summary>The cell's value as the file had it (cut to 200 characters), for the downloadable list of rejections.</summary>
    public string? Value { get; set; }
}
