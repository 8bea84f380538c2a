using Erasmus.Web.Data;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace Erasmus.Web.Features.Home;

/// <summary>The start page: a coordinator's county at a glance; for the national roles, the way in.</summary>
public sealed class HomeController(ErasmusDbContext db, CountyScopes scopes, TimeProvider time) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        if (User.IsCoordinator() && User.CountyNumber() is { } county)
        {
            var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
            var counties = await scopes.CountiesCoveredByAsync(county, cancellationToken);
            return View("Coordinator", await HomeQueries.CountyOverviewAsync(db, county, counties, today, cancellationToken));
        }

        return View();
    }
}
