namespace Erasmus.Web.Infrastructure.Security;

/// <summary>The three roles of the product and the claims a signed-in user carries.</summary>
public static class Roles
{
    /// <summary>Manages users, roles, reference data and the target registry; reads all.</summary>
    public const string Administrator = "Administrator";

    /// <summary>HK-dir: reads everything, uses every dashboard and export, imports and edits data nationally.</summary>
    public const string Analyst = "Analyst";

    /// <summary>A county's international coordinator: edits only that county's records.</summary>
    public const string CountyCoordinator = "CountyCoordinator";

    public static readonly string[] All = [Administrator, Analyst, CountyCoordinator];

    public static string DisplayName(string role) => role switch
    {
        Administrator => "Administrator",
        Analyst => "Analytiker (HK-dir)",
        CountyCoordinator => "Fylkeskoordinator",
        _ => role,
    };
}

public static class ErasmusClaims
{
    /// <summary>The county number (current structure) a coordinator is bound to.</summary>
    public const string County = "erasmus:county";

    public const string DisplayName = "erasmus:display_name";

    /// <summary>The server-side session the sign-in cookie belongs to (<see cref="UserSessions"/>).</summary>
    public const string Session = "erasmus:session";
}

public static class Policies
{
    /// <summary>User administration, reference data and the target registry.</summary>
    public const string Administer = "Administer";

    /// <summary>Audit lists: administrators and analysts (user accounts' entries: administrators only).</summary>
    public const string ReadAudit = "ReadAudit";

    /// <summary>May edit domain data somewhere (analysts nationally, coordinators in their county).</summary>
    public const string EditDomainData = "EditDomainData";

    /// <summary>Freezing and deleting snapshots: analysts and administrators.</summary>
    public const string KeepSnapshots = "KeepSnapshots";
}
