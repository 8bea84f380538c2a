using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Erasmus.Web.Data;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Shared;

/// <summary>
/// Where a list opens (#21 item 8, decision 0019). A list opened without a query string (the menu, a breadcrumb)
/// shows the filters the user last set on it in this sign-in session, or else a coordinator's their own county;
/// administrators and analysts see all of Norway. What is remembered is the list's query string (its filters, sort
/// and page size, not the page), in a cookie of the list's own path that ends with the browser session and names
/// the sign-in session it belongs to, so it never follows another user. It is put in the request before model
/// binding, so the action, the pager and the sort headers read it as if the user had asked for it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RemembersFiltersAttribute(Type query) : Attribute, IAsyncResourceFilter
{
    /// <summary>The query key of the "Nullstill filtre" link: forgets the list's filters and shows it as at first.</summary>
    public const string ResetKey = "nullstill";

    /// <summary>Longer query strings are not remembered (a cookie must stay small; the search box alone allows 200 characters).</summary>
    public const int MaxLength = 1024;

    private const string CookiePrefix = "erasmus.list.";

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        var session = SessionKey(http.User);
        if (session is not null)
        {
            var path = http.Request.PathBase + http.Request.Path;
            var cookie = CookiePrefix + path.Value!.Trim('/').Replace('/', '.');
            var asked = http.Request.Query;
            if (asked.ContainsKey(ResetKey))
            {
                Forget(http, cookie, path);
                http.Request.QueryString = new QueryString(DefaultQuery(http.User));
            }
            else if (asked.Count == 0)
            {
                var remembered = http.Request.Cookies[cookie] is { } value && value.Split('|', 2) is [var owner, var text] && owner == session
                    ? await UsableAsync(http, text)
                    : "";
                http.Request.QueryString = new QueryString(remembered.Length > 0 ? "?" + remembered : DefaultQuery(http.User));
            }
            else if (await UsableAsync(http, http.Request.QueryString.Value![1..]) is { Length: > 0 and <= MaxLength } usable)
            {
                http.Response.Cookies.Append(cookie, session + "|" + usable, Options(http, path));
            }
            else
            {
                Forget(http, cookie, path);
            }
        }

        await next();
    }

    /// <summary>A coordinator's lists start on their county; everyone else's on all of Norway.</summary>
    public static string DefaultQuery(ClaimsPrincipal user) =>
        user.IsCoordinator() && user.CountyNumber() is { Length: > 0 } county ? "?County=" + Uri.EscapeDataString(county) : "";

    /// <summary>
    /// The list's own keys (its query's properties but the page) whose values its binder still reads and its rules
    /// still accept, and no county that no longer exists; anything else is left out, one value at a time.
    /// </summary>
    private async Task<string> UsableAsync(HttpContext http, string queryString)
    {
        var properties = query.GetProperties().Where(p => p.CanWrite && p.Name != nameof(ListQuery.Page))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var pairs = new List<(string Key, string Value)>();
        foreach (var (key, values) in QueryHelpers.ParseQuery(queryString))
        {
            if (!properties.TryGetValue(key, out var property) || values.Count != 1)
            {
                continue;
            }

            var value = values.ToString();
            if (value.Length > 0 && !Readable(property, value))
            {
                continue;
            }

            pairs.Add((property.Name, value));
        }

        var counties = pairs.Where(p => p.Key == "County" && p.Value.Length > 0).Select(p => p.Value).ToList();
        if (counties.Count > 0)
        {
            var db = http.RequestServices.GetRequiredService<ErasmusDbContext>();
            var known = await db.Counties.Where(c => counties.Contains(c.Number)).Select(c => c.Number).ToListAsync(http.RequestAborted);
            pairs.RemoveAll(p => p.Key == "County" && p.Value.Length > 0 && !known.Contains(p.Value));
        }

        return string.Join("&", pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }

    /// <summary>Whether the value converts to the property's type (an enum by a defined name only) and passes its attributes.</summary>
    private bool Readable(System.Reflection.PropertyInfo property, string value)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        object? converted;
        try
        {
            converted = type.IsEnum
                ? Enum.GetNames(type).FirstOrDefault(n => n.Equals(value, StringComparison.OrdinalIgnoreCase)) is { } name ? Enum.Parse(type, name) : null
                : TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            return false;
        }

        var instance = Activator.CreateInstance(query)!;
        return converted is not null && Validator.TryValidateProperty(converted, new ValidationContext(instance) { MemberName = property.Name }, null);
    }

    /// <summary>The sign-in session, hashed: the cookie says whose filters it holds without carrying the session's id.</summary>
    private static string? SessionKey(ClaimsPrincipal user) =>
        user.FindFirst(ErasmusClaims.Session)?.Value is { Length: > 0 } id
            ? Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)), 0, 8)
            : null;

    private static void Forget(HttpContext http, string cookie, PathString path)
    {
        if (http.Request.Cookies.ContainsKey(cookie))
        {
            http.Response.Cookies.Delete(cookie, Options(http, path));
        }
    }

    // No expiry: the browser forgets the filters when it closes; the sign-in session's key makes them end with it too.
    private static CookieOptions Options(HttpContext http, PathString path) => new()
    {
        Path = path.Value,
        HttpOnly = true,
        IsEssential = true,
        SameSite = SameSiteMode.Lax,
        Secure = http.Request.IsHttps,
    };
}

/// <summary>What a list's scope line needs (<c>_ListScope</c>): the county the list shows (empty for all of Norway) and the counties' names.</summary>
public sealed record ListScopeModel(string? County, IReadOnlyList<FieldOption> Counties);
