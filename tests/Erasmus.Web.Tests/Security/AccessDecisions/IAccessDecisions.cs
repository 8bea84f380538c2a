namespace Erasmus.Web.Tests.Security;

/// <summary>One feature's access decisions for the authorization matrix: "Controller.Action METHOD" → requests and outcomes.</summary>
public interface IAccessDecisions
{
    IEnumerable<KeyValuePair<string, Func<MatrixRecords, Case[]>>> Decisions { get; }
}

/// <summary>One request and its expected outcome for: anonymous, administrator, analyst, coordinator of the record's county, coordinator of another county.</summary>
public sealed record Case(string Method, string Url, Access Anonymous, Access Administrator, Access Analyst, Access OwnCoordinator, Access OtherCoordinator)
{
    public Dictionary<string, string> Form { get; init; } = [];

    /// <summary>For actions that end the session (sign-out): each persona gets a client of its own.</summary>
    public bool FreshClient { get; init; }

    /// <summary>The error page itself answers 500 by design.</summary>
    public bool IsErrorPage { get; init; }
}

/// <summary>Records the matrix acts on: all in the own coordinator's county (46, Vestland), plus a foreign partner.</summary>
public sealed record MatrixRecords(string VictimUserId, int OrganisationId, int ForeignOrganisationId, int AccreditationId, int ProjectId, int MobilityId);
