using Erasmus.Web.Data;

namespace Erasmus.Web.Infrastructure.Security;

/// <summary>The signed-in user's name for audit stamps; "system" outside a request.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public string Name => accessor.HttpContext?.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : "system";
}
