using System.Globalization;
using Erasmus.Web.Data;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Erasmus.Web.Infrastructure.Web;

public static class WebSetup
{
    public static readonly CultureInfo[] SupportedCultures = [new("nb-NO"), new("en-GB")];

    public static IServiceCollection AddErasmusWeb(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        // Keys in the database keep sign-ins valid across restarts and instances.
        services.AddErasmusDataProtection(configuration);

        // The shared resource is named after its class (Erasmus.Web.SharedResource), so no resources path.
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(SupportedCultures[0]);
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });


        services.AddControllersWithViews(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                NorwegianBindingMessages.Apply(o.ModelBindingMessageProvider);
                o.ModelMetadataDetailsProviders.Add(new BokmalValidationMessages());
                InputHardening.Apply(o);
                o.Filters.Add<Features.Shared.SaveFailureFilter>();
            })
            .AddJsonOptions(InputHardening.Apply)
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
            .AddRazorOptions(o => o.ViewLocationExpanders.Add(new FeatureFolderViewLocationExpander()));

        // Behind a TLS-terminating proxy the public port is 443 unless configured otherwise.
        services.AddHttpsRedirection(o => o.HttpsPort = configuration.GetValue<int?>("HttpsPort") ?? 443);
        services.AddMemoryCache();
        services.AddScoped<Features.Shared.DemoDataIndicator>();
        services.AddScoped<Features.Shared.OrganisationDirectory>();
        services.AddSingleton<Features.Shared.RenderedFragments>();
        services.AddSingleton<NavigationPaths>();

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "erasmus.af";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }
}
