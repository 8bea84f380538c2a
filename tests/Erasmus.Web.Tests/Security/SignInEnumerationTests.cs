using System.Net;
using Erasmus.Web.Data;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Erasmus.Web.Tests.Security;

/// <summary>
/// The sign-in form must not tell which e-mail addresses have accounts (#15 item 9): an unknown address,
/// a wrong password, an account without a password yet, a locked and a deactivated account get the same
/// message, and the same password-hashing work, which is what the answer's time is made of (about 60 ms
/// against about 1 ms without it; the figures are in docs/reliability.md, as the tests assert no times).
/// </summary>
public sealed class SignInEnumerationTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly CountingHasher _hasher = new();
    private ErasmusAppFactory _app = null!;

    public Task InitializeAsync()
    {
        _app = new ErasmusAppFactory(database.ConnectionString)
        {
            ConfigureExtraServices = services => services.AddSingleton<IPasswordHasher<ApplicationUser>>(_hasher),
        };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Every_failed_sign_in_gets_the_same_message_and_costs_one_password_check()
    {
        var known = await UserAsync();
        var locked = await UserAsync(async (users, user) => await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        var deactivated = await UserAsync(async (users, user) =>
        {
            user.IsDeactivated = true;
            await users.UpdateAsync(user);
        });
        var withoutPassword = await UserAsync(async (users, user) => await users.RemovePasswordAsync(user));

        var attempts = new (string Case, string Email, string Password)[]
        {
            ("unknown address", $"ingen.{Guid.NewGuid():N}@test.no", AppFixture.Password),
            ("wrong password", known, "Et helt annet passord enn det riktige"),
            ("locked account, right password", locked, AppFixture.Password),
            ("deactivated account, right password", deactivated, AppFixture.Password),
            ("account without a password yet", withoutPassword, AppFixture.Password),
        };
        var outcomes = new List<(string Case, HttpStatusCode Status, string Message, int Checks)>();
        foreach (var (name, email, password) in attempts)
        {
            var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var token = await AppFixture.AntiforgeryTokenAsync(client, "/logg-inn");
            var before = _hasher.Verifications;
            var response = await client.PostAsync(new Uri("/logg-inn", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = token,
            }));
            var checks = _hasher.Verifications - before;
            var message = (await AppFixture.ParseAsync(response)).QuerySelector(".error-summary li")?.TextContent.Trim() ?? "(no message)";
            outcomes.Add((name, response.StatusCode, message, checks));
        }

        Assert.All(outcomes, o => Assert.True(o.Status == HttpStatusCode.OK && o.Checks == 1,
            $"{o.Case}: {(int)o.Status}, {o.Checks} password checks (expected 200 and 1)"));
        Assert.Single(outcomes.Select(o => o.Message).Distinct());
        Assert.StartsWith("Innloggingen mislyktes.", outcomes[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_right_password_still_signs_in_with_one_check()
    {
        var email = await UserAsync();
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await AppFixture.AntiforgeryTokenAsync(client, "/logg-inn");
        var before = _hasher.Verifications;

        var response = await client.PostAsync(new Uri("/logg-inn", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = AppFixture.Password, ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, _hasher.Verifications - before);
    }

    private async Task<string> UserAsync(Func<UserManager<ApplicationUser>, ApplicationUser, Task>? change = null)
    {
        var email = $"konto.{Guid.NewGuid():N}@test.no";
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Konto" };
        Assert.True((await users.CreateAsync(user, AppFixture.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, TestRoles.Analyst)).Succeeded);
        if (change is not null)
        {
            await change(users, user);
        }

        return email;
    }

    /// <summary>Identity's own hasher, counting the password checks (each is one PBKDF2 run, the time that would tell).</summary>
    private sealed class CountingHasher : IPasswordHasher<ApplicationUser>
    {
        private readonly PasswordHasher<ApplicationUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(ApplicationUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
