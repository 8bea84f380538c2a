using System.Collections.Concurrent;

namespace Erasmus.Web.Infrastructure.Web;

/// <summary>
/// The paths of the pages the layout links to on every page (the menu, the language and sign-out forms): actions
/// without route values, so their paths depend on the app's path base only. Made once per path base rather than
/// by link generation some thirty times per request, which was a twentieth of a kept dashboard's processor time.
/// </summary>
public sealed class NavigationPaths(LinkGenerator links)
{
    private readonly ConcurrentDictionary<(string Controller, string Action, string PathBase), string> _paths = new();

    public string Of(HttpContext context, string controller, string action)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pathBase = context.Request.PathBase.Value ?? "";
        return _paths.GetOrAdd((controller, action, pathBase), key =>
            links.GetPathByAction(key.Action, key.Controller, values: null, pathBase: new PathString(key.PathBase))
            ?? throw new InvalidOperationException($"No route to {key.Controller}.{key.Action}."));
    }
}
