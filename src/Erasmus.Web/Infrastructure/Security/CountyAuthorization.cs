using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Erasmus.Web.Infrastructure.Security;

/// <summary>
/// The counties (current structure) a record belongs to. An organisation belongs to its county; a
/// project to its Norwegian coordinator's county or, when coordinated abroad, to its Norwegian
/// partners' counties; accreditations and mobilities where their organisation or project belongs.
/// An organisation of a county dissolved in 2024 belongs to every successor county.
/// </summary>
public sealed record CountyScope(IReadOnlySet<string> CountyNumbers)
{
    public static CountyScope Of(params string[] countyNumbers) => new(countyNumbers.ToHashSet(StringComparer.Ordinal));

    public bool Includes(string? countyNumber) => countyNumber is not null && CountyNumbers.Contains(countyNumber);
}

public static class CountyOperations
{
    public static readonly OperationAuthorizationRequirement Read = new() { Name = nameof(Read) };
    public static readonly OperationAuthorizationRequirement Edit = new() { Name = nameof(Edit) };
}

/// <summary>
/// Who may do what with a county's records: everyone signed in reads; analysts edit everywhere;
/// coordinators edit only inside their own county; administrators manage users and reference data,
/// not the counties' records.
/// </summary>
public sealed class CountyAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, CountyScope>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, CountyScope resource)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return Task.CompletedTask;
        }

        var allowed = requirement.Name switch
        {
            nameof(CountyOperations.Read) => true,
            nameof(CountyOperations.Edit) => user.IsInRole(Roles.Analyst)
                || (user.IsInRole(Roles.CountyCoordinator) && resource.Includes(user.CountyNumber())),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public static class ClaimsPrincipalExtensions
{
    /// <summary>Whether the user may change records in the scope (the one question every edit page asks).</summary>
    public static async Task<bool> CanEditAsync(this IAuthorizationService authorization, ClaimsPrincipal user, CountyScope scope) =>
        (await authorization.AuthorizeAsync(user, scope, CountyOperations.Edit)).Succeeded;

    public static string? CountyNumber(this ClaimsPrincipal user) => user.FindFirst(ErasmusClaims.County)?.Value;

    public static bool IsCoordinator(this ClaimsPrincipal user) => user.IsInRole(Roles.CountyCoordinator);

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirst(ErasmusClaims.DisplayName)?.Value ?? user.Identity?.Name ?? "";
}
