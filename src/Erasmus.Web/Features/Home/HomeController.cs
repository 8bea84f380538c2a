using Microsoft.AspNetCore.Mvc;

namespace Erasmus.Web.Features.Home;

public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => View();
}
