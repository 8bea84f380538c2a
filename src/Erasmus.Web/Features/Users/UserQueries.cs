using System.ComponentModel.DataAnnotations;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Users;

public static class UserQueries
{
    public static async Task<UserListModel> ListAsync(ErasmusDbContext db, UserListQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = $"%{query.Search.Trim()}%";
            users = users.Where(u => EF.Functions.ILike(u.DisplayName, pattern) || EF.Functions.ILike(u.Email!, pattern));
        }

        var rows = users.Select(u => new
        {
            User = u,
            Role = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).FirstOrDefault(),
        });
        if (Roles.All.Contains(query.Role))
        {
            rows = rows.Where(r => r.Role == query.Role);
        }

        var page = await rows.OrderBy(r => r.User.DisplayName)
            .Select(r => new UserRow(r.User.Id, r.User.DisplayName, r.User.Email ?? "", r.Role ?? "", r.User.CountyNumber, r.User.IsDeactivated,
                r.User.LockoutEnd != null && r.User.LockoutEnd > now))
            .ToPagedListAsync(query.Page, query.PageSize, cancellationToken);
        return new UserListModel(query, page);
    }

    /// <summary>The form's choices: the counties in force today.</summary>
    public static async Task<UserOptions> OptionsAsync(ErasmusDbContext db, DateOnly today, CancellationToken cancellationToken) =>
        new(await db.Counties.AsNoTracking()
            .Where(c => c.ValidTo == null || c.ValidTo >= today)
            .OrderBy(c => c.Number)
            .Select(c => new FieldOption(c.Number, c.Number + " " + c.Name))
            .ToListAsync(cancellationToken));
}

public sealed class UserListQuery
{
    [StringLength(200)]
    public string? Search { get; set; }

    public string? Role { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}

public sealed record UserRow(string Id, string DisplayName, string Email, string Role, string? CountyNumber, bool IsDeactivated, bool IsLockedOut);

public sealed record UserListModel(UserListQuery Query, PagedList<UserRow> Users);

public sealed class UserForm
{
    [Label("E-post")]
    [Required(ErrorMessage = "Skriv inn e-postadressen.")]
    [EmailAddress(ErrorMessage = "Skriv inn en gyldig e-postadresse.")]
    [StringLength(256, ErrorMessage = "E-postadressen kan ha høyst 256 tegn.")]
    [PlainText]
    public string Email { get; set; } = "";

    [Label("Navn")]
    [Required(ErrorMessage = "Skriv inn navnet.")]
    [StringLength(200, ErrorMessage = "Navnet kan ha høyst 200 tegn.")]
    [PlainText]
    public string DisplayName { get; set; } = "";

    [Label("Rolle")]
    [Required(ErrorMessage = "Velg en rolle.")]
    [AllowedValues(Roles.Administrator, Roles.Analyst, Roles.CountyCoordinator, ErrorMessage = "Velg en av rollene i listen.")]
    public string Role { get; set; } = Roles.CountyCoordinator;

    [Label("Fylke (for fylkeskoordinatorer)")]
    [StringLength(2)]
    public string? CountyNumber { get; set; }

    public string? ConcurrencyStamp { get; set; }
}

/// <summary>What the user form offers to choose from; never posted.</summary>
public sealed record UserOptions(IReadOnlyList<FieldOption> Counties);

/// <summary>
/// The user form's page: the posted form (<see cref="UserForm"/>, only what the browser sends) and its choices.
/// The views bind to Form.X unprefixed, so the posted names stay the form's own.
/// </summary>
public sealed record UserPage(UserForm Form, UserOptions Choices);

public sealed record PasswordLinkModel(string DisplayName, string Email, string Link, bool Created, TimeSpan Lifetime);
