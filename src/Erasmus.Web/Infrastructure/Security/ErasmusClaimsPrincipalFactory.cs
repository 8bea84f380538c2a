using System.Security.Claims;
using Erasmus.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Erasmus.Web.Infrastructure.Security;

/// <summary>Adds the coordinator's county and the display name to the sign-in cookie.</summary>
public sealed class ErasmusClaimsPrincipalFactory(
    UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ErasmusClaims.DisplayName, string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        if (user.CountyNumber is { Length: > 0 } county)
        {
            identity.AddClaim(new Claim(ErasmusClaims.County, county));
        }

        return identity;
    }
}

/// <summary>A deactivated user cannot sign in, whatever the password.</summary>
public sealed class ActiveUserValidator : IUserConfirmation<ApplicationUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<ApplicationUser> manager, ApplicationUser user) => Task.FromResult(!user.IsDeactivated);
}
