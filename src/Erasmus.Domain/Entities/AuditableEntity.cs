namespace Erasmus.Domain.Entities;

/// <summary>
/// Who created and last changed a record, and when. Stamped by the data layer's interceptor from
/// TimeProvider and the signed-in user; entities never set these themselves.
/// </summary>
public abstract class AuditableEntity
{
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    /// <summary>PostgreSQL's xmin, for optimistic concurrency: a save fails if someone saved meanwhile.</summary>
    public uint Version { get; set; }
}
