using Microsoft.AspNetCore.Identity;

namespace Erasmus.Web.Data;

/// <summary>A person who signs in: an administrator, an HK-dir analyst or a county coordinator.</summary>
public class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The county (current structure) a coordinator is bound to; null for national roles.</summary>
    public string? CountyNumber { get; set; }

    /// <summary>A deactivated user cannot sign in but stays in the audit trail.</summary>
    public bool IsDeactivated { get; set; }
}
