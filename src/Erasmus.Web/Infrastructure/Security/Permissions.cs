using Microsoft.AspNetCore.Authorization;

namespace Erasmus.Web.Infrastructure.Security;

/// <summary>
/// What the signed-in user may do, asked of the policies the controllers authorise with, so that a view
/// offers a link or form exactly when its action would accept it (<c>@inject Permissions</c> in _ViewImports).
/// </summary>
public sealed class Permissions(IAuthorizationService authorization, IHttpContextAccessor accessor)
{
    /// <summary>Whether the user meets the policy (one of <see cref="Policies"/>).</summary>
    public async Task<bool> AllowAsync(string policy) =>
        accessor.HttpContext?.User is { } user && (await authorization.AuthorizeAsync(user, policy)).Succeeded;
}
