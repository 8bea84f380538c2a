namespace Erasmus.Web.Features.Import;

/// <summary>
/// A valid organisation or accreditation row waiting for confirmation: the parsed values as JSON,
/// applied through the entity on confirm, like a project row. Organisations and accreditations are
/// few (hundreds to a few thousand), so one staging table serves both kinds.
/// </summary>
public sealed class ImportRecordRow
{
    public Guid BatchId { get; set; }
    public int RowNumber { get; set; }
    public RowOutcome Outcome { get; set; }

    /// <summary>What the preview names the record by: the organisation's name, the accreditation's code.</summary>
    public string Key { get; set; } = "";

    public int? ExistingId { get; set; }

    /// <summary>The existing record's row version when previewed: one saved since is not overwritten unseen.</summary>
    public long? ExistingVersion { get; set; }

    public string Payload { get; set; } = "{}";

    /// <summary>What changes, for the preview ("Navn: A → B; …").</summary>
    public string? Changes { get; set; }
}
