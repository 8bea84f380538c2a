using Erasmus.DemoData;
using Erasmus.Web.Infrastructure.Security;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Erasmus.Web.Tests.Security;

public sealed class DemoUsersTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Demo_users_are_an_administrator_an_analyst_and_one_coordinator_per_current_county_who_can_sign_in()
    {
        await using (var db = app.CreateDbContext())
        {
            await DemoUsers.SeedAsync(db);
            await DemoUsers.SeedAsync(db);
        }

        await using var check = app.CreateDbContext();
        var coordinators = await check.Users.Where(u => u.Email!.StartsWith("koordinator.")).Select(u => u.CountyNumber ?? "").OrderBy(c => c).ToListAsync();
        var currentCounties = await check.Counties.Where(c => c.ValidTo == null).Select(c => c.Number).OrderBy(c => c).ToListAsync();
        Assert.Equal(currentCounties, coordinators);
        Assert.Equal(15, coordinators.Count);
        Assert.Equal(17, await check.Users.CountAsync(u => u.Email!.EndsWith("@demo.no")));
        await app.SignInAsync(DemoUsers.AdministratorEmail, DemoUsers.Password);
        await app.SignInAsync(DemoUsers.CoordinatorEmail("46"), DemoUsers.Password);
        var analyst = await app.SignInAsync(DemoUsers.AnalystEmail, DemoUsers.Password);
        var audit = await analyst.GetAsync(new Uri("/revisjonslogg", UriKind.Relative));
        Assert.True(audit.IsSuccessStatusCode);
    }

    /// <summary>The demo generator and the demo users live in Erasmus.DemoData (decision 0012): the app cannot seed them, whatever its settings.</summary>
    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task The_app_never_seeds_demo_users_even_when_configured_to(string environment)
    {
        var database = await TestDatabases.CreateFromTemplateAsync();
        try
        {
            await using var app = new AppWithDemoSeeding(TestDatabases.ConnectionStringFor(database), environment);
            _ = app.Services.GetRequiredService<IWebHostEnvironment>();

            await using var db = new Erasmus.Web.Data.ErasmusDbContext(TestDatabases.OptionsFor(TestDatabases.ConnectionStringFor(database)));
            Assert.False(await db.Users.AnyAsync());
            Assert.False(await db.Projects.AnyAsync());
            Assert.Contains(app.Logs.Entries, e => e.Message.Contains("the app never seeds demo data or demo users", StringComparison.Ordinal));
            Assert.Equal(Roles.All.Length, await db.Roles.CountAsync());
        }
        finally
        {
            await TestDatabases.DropAsync(database);
        }
    }

    private sealed class AppWithDemoSeeding(string connectionString, string environment) : ErasmusAppFactory(connectionString, environment)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:SeedReferenceData", "true");
            builder.UseSetting("Database:SeedDemoData", "true");
        }
    }
}
