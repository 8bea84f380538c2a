namespace Erasmus.Web.Data;

/// <summary>
/// The mobility records summed per project and every attribute a counting rule looks at (the end date
/// kept whole, so any as-of date can be cut exactly): what the realised figures and the realisation lag
/// are read from instead of the records. Written only by the statement triggers on <c>mobilities</c>, in
/// the writer's transaction (migration IncrementalFacts); a row goes when its last record does.
/// </summary>
public sealed class MobilityFactRow
{
    public int ProjectId { get; private set; }

    public string ActivityTypeCode { get; private set; } = "";

    public int StartYear { get; private set; }

    public DateOnly EndDate { get; private set; }

    public string Status { get; private set; } = "";

    public string ParticipantGroup { get; private set; } = "";

    public string Direction { get; private set; } = "";

    /// <summary>How many records are summed here (the realisation lag counts records, not participants).</summary>
    public int Records { get; private set; }

    /// <summary>bigint: the facts must hold whatever the records hold, implausible rows older than the CHECK constraints included.</summary>
    public long Participants { get; private set; }
}

/// <summary>
/// Which projects' facts a committed transaction changed, and which kind: <c>m</c> its mobility records,
/// <c>a</c> its awarded mobilities, <c>p</c> the project itself (its row, partners, topics, organisations,
/// or its coordinator's participation elsewhere); no project means all of that kind. Written by triggers in
/// the writer's transaction with the writer's transaction id, so a reader holding the facts of one snapshot
/// asks for exactly the rows a newer snapshot sees and the old one did not (<see cref="FactChanges"/>).
/// A row of kind <c>h</c> records up to which transaction id older rows were deleted.
/// </summary>
public sealed class FactChange
{
    public long Id { get; private set; }

    /// <summary>The writer's transaction id (<c>pg_current_xact_id()</c>, a 64-bit xid8 that never wraps, stored as bigint).</summary>
    public long Xid { get; private set; }

    public int? ProjectId { get; private set; }

    public string Kind { get; private set; } = "";
}
