namespace Erasmus.Web.Data.Audit;

/// <summary>
/// One create, update or delete of a record, appended in the same transaction as the change:
/// who, when, which record (and the record it belongs to, for history pages), and every changed
/// field's old and new value as JSON.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string UserName { get; set; } = "";
    public AuditAction Action { get; set; }

    /// <summary>The changed record's type and key, e.g. ProjectPartner "12,345".</summary>
    public string EntityType { get; set; } = "";

    public string EntityKey { get; set; } = "";

    /// <summary>The record whose history this belongs to, e.g. Project "12" for a partner row.</summary>
    public string RootType { get; set; } = "";

    public string RootKey { get; set; } = "";

    /// <summary>JSON array of {"field","old","new"}.</summary>
    public string Changes { get; set; } = "[]";
}

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
}

public sealed record AuditChange(string Field, string? Old, string? New);
