using Erasmus.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Erasmus.Web.Infrastructure.Security;

public static class SecuritySetup
{
    public const string SignInPath = "/logg-inn";

    public static IServiceCollection AddErasmusSecurity(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.Replace(ServiceDescriptor.Singleton<ICurrentUser, HttpCurrentUser>());

        services.AddIdentity<ApplicationUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = true;
                // The administrators' one-time links: only the newest works, and not for long.
                o.Tokens.PasswordResetTokenProvider = PasswordLinkTokenProvider.Name;
            })
            .AddEntityFrameworkStores<ErasmusDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<PasswordLinkTokenProvider>(PasswordLinkTokenProvider.Name)
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddSignInManager<ErasmusSignInManager>()
            .AddClaimsPrincipalFactory<ErasmusClaimsPrincipalFactory>()
            .AddUserConfirmation<ActiveUserValidator>()
            .AddErrorDescriber<NorwegianIdentityErrorDescriber>();
        services.AddScoped<UserSessions>();
        services.AddSingleton<PublicAddress>();
        services.AddHostedService<PublicAddressCheck>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "erasmus.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.LoginPath = SignInPath;
            o.LogoutPath = "/logg-ut";
            o.ReturnUrlParameter = "returnUrl";
            // Every request checks the cookie's server-side session, so sign-out, lock, deactivation,
            // a role or county change and a new password take effect at the next request.
            o.Events.OnValidatePrincipal = ErasmusSignInManager.ValidateSessionAsync;
            // The API answers problem JSON; pages send the browser to the sign-in form.
            var redirectToSignIn = o.Events.OnRedirectToLogin;
            o.Events.OnRedirectToLogin = context =>
                ApiProblem.IsApi(context.Request) ? ApiProblem.SignInRequiredAsync(context.HttpContext) : redirectToSignIn(context);
            // A signed-in user without access gets a 403 page, not a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                if (ApiProblem.IsApi(context.Request))
                {
                    return ApiProblem.ForbiddenAsync(context.HttpContext);
                }

                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddSingleton<IAuthorizationHandler, CountyAuthorizationHandler>();
        services.AddScoped<CountyScopes>();
        services.AddScoped<Permissions>();
        services.AddAuthorization(o =>
        {
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            o.AddPolicy(Policies.Administer, p => p.RequireRole(Roles.Administrator));
            o.AddPolicy(Policies.ReadAudit, p => p.RequireRole(Roles.Administrator, Roles.Analyst));
            o.AddPolicy(Policies.EditDomainData, p => p.RequireRole(Roles.Analyst, Roles.CountyCoordinator));
            o.AddPolicy(Policies.KeepSnapshots, p => p.RequireRole(Roles.Analyst, Roles.Administrator));
        });
        return services;
    }
}
