using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Data;

/// <summary>
/// The verb <c>create-admin EMAIL</c>: the first administrator of a new installation, which otherwise
/// could only be made by inserting into the Identity tables by hand. The user gets no password; the
/// verb prints the same one-time link an administrator hands a new user (its new-user lifetime, built
/// from <c>PublicBaseUrl</c>), with which the person sets it. Refuses an invalid or existing address.
/// </summary>
public static class AdministratorCommand
{
    /// <summary>Exit codes: 0 created, 2 refused (bad input), 3 the database is not ready for it.</summary>
    public const int Refused = 2;

    public const int NotReady = 3;

    public static async Task<int> RunAsync(IServiceProvider services, string? email, TextWriter output, TextWriter error)
    {
        email = email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            await error.WriteLineAsync("create-admin needs the administrator's e-mail address: dotnet Erasmus.Web.dll create-admin admin@example.no");
            return Refused;
        }

        if (email.Length > 256 || !new EmailAddressAttribute().IsValid(email) || email.Contains(' ', StringComparison.Ordinal) || email.StartsWith('@') || email.EndsWith('@'))
        {
            await error.WriteLineAsync($"'{email}' is not a valid e-mail address. Nothing was created.");
            return Refused;
        }

        var db = services.GetRequiredService<ErasmusDbContext>();
        if ((await db.Database.GetPendingMigrationsAsync()).Any())
        {
            await error.WriteLineAsync("The database is not migrated: run 'dotnet Erasmus.Web.dll migrate' and 'seed' first. Nothing was created.");
            return NotReady;
        }

        var normalisedRole = Roles.Administrator.ToUpperInvariant();
        if (!await db.Roles.AnyAsync(r => r.NormalizedName == normalisedRole))
        {
            await error.WriteLineAsync("The roles are missing: run 'dotnet Erasmus.Web.dll seed' first. Nothing was created.");
            return NotReady;
        }

        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is not null || await users.FindByNameAsync(email) is not null)
        {
            await error.WriteLineAsync($"A user with the address {email} exists already. Nothing was created; an administrator can make a new password link for it under Users.");
            return Refused;
        }

        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator" };
        // The user and the role go in together, as in the user administration.
        var result = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var outcome = await users.CreateAsync(user);
            if (outcome.Succeeded)
            {
                outcome = await users.AddToRoleAsync(user, Roles.Administrator);
            }

            if (outcome.Succeeded)
            {
                await transaction.CommitAsync();
            }

            return outcome;
        });
        if (!result.Succeeded)
        {
            await error.WriteLineAsync($"The administrator could not be created: {string.Join(" ", result.Errors.Select(e => e.Description))} Nothing was created.");
            return Refused;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var address = services.GetRequiredService<PublicAddress>();
        var link = address.LinkTo($"/konto/nytt-passord?userId={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}");
        var lifetime = PasswordLinkTokenProvider.NewUserLifetime;
        var until = services.GetRequiredService<TimeProvider>().GetUtcNow() + lifetime;
        await output.WriteLineAsync($"Administrator {email} created. Open this one-time link to set the password (it works once, for {lifetime.TotalDays.ToString(CultureInfo.InvariantCulture)} days, until {until:yyyy-MM-dd HH:mm} UTC):");
        await output.WriteLineAsync(link);
        if (string.IsNullOrWhiteSpace(services.GetRequiredService<IConfiguration>()[PublicAddress.SettingName]))
        {
            await error.WriteLineAsync($"Warning: {PublicAddress.SettingName} is not set, so the link points to {address.BaseUri}. Set it to the address users reach the service at.");
        }

        return 0;
    }
}
