using System.Globalization;
using Erasmus.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Erasmus.Web.Infrastructure.Web;

public static class WebSetup
{
    public static readonly CultureInfo[] SupportedCultures = [new("nb-NO"), new("en-GB")];

    public static IServiceCollection AddErasmusWeb(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var dataFolder = Path.GetFullPath(configuration["DataFolder"] ?? ".data/app", environment.ContentRootPath);
        // Keys on disk in a shared folder keep sign-ins valid across restarts and instances.
        services.AddDataProtection()
            .SetApplicationName("Erasmus.Web")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys")));

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(SupportedCultures[0]);
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        services.AddIdentity<ApplicationUser, IdentityRole>()
            .AddEntityFrameworkStores<ErasmusDbContext>()
            .AddDefaultTokenProviders();

        services.AddAuthorization();

        services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()))
            .AddViewLocalization()
            .AddDataAnnotationsLocalization()
            .AddRazorOptions(o => o.ViewLocationExpanders.Add(new FeatureFolderViewLocationExpander()));

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "erasmus.af";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }
}
