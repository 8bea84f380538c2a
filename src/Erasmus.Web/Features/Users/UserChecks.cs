using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Users;

/// <summary>The checks of a user form that need the database: the county of a coordinator, and an e-mail address no one else has.</summary>
public sealed class UserChecks(ErasmusDbContext db, UserManager<ApplicationUser> users, DateOnly today)
{
    /// <summary>A coordinator is bound to one county of the current structure; other roles to none.</summary>
    public async Task<IReadOnlyList<RuleViolation>> CountyAsync(UserForm form, CancellationToken cancellationToken) =>
        form.Role == Roles.CountyCoordinator
            && !(form.CountyNumber is not null && await db.Counties.AnyAsync(c => c.Number == form.CountyNumber && (c.ValidTo == null || c.ValidTo >= today), cancellationToken))
            ? [new RuleViolation(nameof(form.CountyNumber), "En fylkeskoordinator må knyttes til et fylke i dagens fylkesstruktur.")]
            : [];

    /// <summary>The e-mail address signs the user in, so no two users share one.</summary>
    public async Task<IReadOnlyList<RuleViolation>> EmailAsync(UserForm form, string? exceptId) =>
        await users.FindByEmailAsync(form.Email) is { } other && other.Id != exceptId
            ? [new RuleViolation(nameof(form.Email), $"E-postadressen er allerede i bruk av {other.DisplayName}.")]
            : [];
}
