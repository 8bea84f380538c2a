using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.DemoData;

/// <summary>
/// The demo sign-ins: an administrator, an analyst and a coordinator for every county of the current
/// structure. Seeded only with demo data, by this tool, which refuses a Production environment.
/// </summary>
public static class DemoUsers
{
    public const string Password = "Erasmus-demo-2027";
    public const string AdministratorEmail = "admin@demo.no";
    public const string AnalystEmail = "analytiker@demo.no";

    public static string CoordinatorEmail(string countyNumber) => $"koordinator.{countyNumber}@demo.no";

    public static async Task SeedAsync(ErasmusDbContext db, CancellationToken cancellationToken = default)
    {
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
        var existing = await db.Users.Select(u => u.NormalizedEmail).ToListAsync(cancellationToken);
        var counties = await db.Counties.Where(c => c.ValidTo == null).OrderBy(c => c.Number).ToListAsync(cancellationToken);
        var wanted = new List<(string Email, string Name, string Role, string? County)>
        {
            (AdministratorEmail, "Demo Administrator", Roles.Administrator, null),
            (AnalystEmail, "Demo Analytiker", Roles.Analyst, null),
        };
        wanted.AddRange(counties.Select(c => (CoordinatorEmail(c.Number), $"Koordinator {c.Name}", Roles.CountyCoordinator, (string?)c.Number)));

        var hasher = new PasswordHasher<ApplicationUser>();
        foreach (var (email, name, role, county) in wanted.Where(w => !existing.Contains(w.Email.ToUpperInvariant())))
        {
            var user = new ApplicationUser
            {
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                LockoutEnabled = true,
                DisplayName = name,
                CountyNumber = county,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
            };
            user.PasswordHash = hasher.HashPassword(user, Password);
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[role] });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
