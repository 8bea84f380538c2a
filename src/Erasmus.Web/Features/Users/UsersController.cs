using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Users;

/// <summary>User administration: create, change role and county, lock, deactivate, and hand out password links.</summary>
[Authorize(Policy = Policies.Administer)]
[Route("admin/brukere")]
public sealed class UsersController(ErasmusDbContext db, UserManager<ApplicationUser> users, UserSessions sessions, PublicAddress publicAddress,
    TimeProvider time) : RecordController
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] UserListQuery query, CancellationToken cancellationToken) =>
        View(await UserQueries.ListAsync(db, query, time.GetUtcNow(), cancellationToken));

    [HttpGet("ny")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View(new UserPage(new UserForm(), await UserQueries.OptionsAsync(db, Today, cancellationToken)));

    [HttpPost("ny")]
    public async Task<IActionResult> Create(UserForm form, CancellationToken cancellationToken)
    {
        var checks = new UserChecks(db, users, Today);
        ModelState.AddViolations(await checks.CountyAsync(form, cancellationToken));
        if (ModelState.IsValid)
        {
            ModelState.AddViolations(await checks.EmailAsync(form, null));
        }

        if (!ModelState.IsValid)
        {
            return View(new UserPage(form, await UserQueries.OptionsAsync(db, Today, cancellationToken)));
        }

        // The user and the role go in together; with the retrying execution strategy the transaction
        // is one retriable unit, and a retry starts from a clean change tracker and a new user.
        var (user, result) = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            var newUser = new ApplicationUser
            {
                UserName = form.Email.Trim(),
                Email = form.Email.Trim(),
                EmailConfirmed = true,
                DisplayName = form.DisplayName.Trim(),
                CountyNumber = form.Role == Roles.CountyCoordinator ? form.CountyNumber : null,
            };
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var outcome = await users.CreateAsync(newUser);
            if (outcome.Succeeded)
            {
                outcome = await users.AddToRoleAsync(newUser, form.Role);
            }

            if (outcome.Succeeded)
            {
                await transaction.CommitAsync(ct);
            }

            return (newUser, outcome);
        }, cancellationToken);

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(form.Email), error.Description);
            }

            return View(new UserPage(form, await UserQueries.OptionsAsync(db, Today, cancellationToken)));
        }

        return await PasswordLinkAsync(user, created: true);
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Edit(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? Roles.Analyst;
        var form = new UserForm
        {
            Email = user.Email ?? "",
            DisplayName = user.DisplayName,
            Role = role,
            CountyNumber = user.CountyNumber,
            ConcurrencyStamp = user.ConcurrencyStamp,
        };
        ViewData["User"] = user;
        return View(new UserPage(form, await UserQueries.OptionsAsync(db, Today, cancellationToken)));
    }

    [HttpPost("{id}")]
    public async Task<IActionResult> Edit(string id, UserForm form, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        var checks = new UserChecks(db, users, Today);
        ModelState.AddViolations(await checks.CountyAsync(form, cancellationToken));
        if (ModelState.IsValid)
        {
            ModelState.AddViolations(await checks.EmailAsync(form, user.Id));
        }

        if (form.ConcurrencyStamp != user.ConcurrencyStamp)
        {
            ModelState.AddModelError("", "Brukeren ble endret av noen andre mens du redigerte. Skjemaet viser nå de lagrede verdiene; gjør endringen på nytt.");
            ModelState.Remove(nameof(form.ConcurrencyStamp));
            return await Edit(id, cancellationToken);
        }

        ViewData["User"] = user;
        if (!ModelState.IsValid)
        {
            return View(new UserPage(form, await UserQueries.OptionsAsync(db, Today, cancellationToken)));
        }

        var attempt = 0;
        var result = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            if (attempt++ > 0)
            {
                // A retry after a transient failure: start from the stored user, still the version the form was made from.
                db.ChangeTracker.Clear();
                user = await users.FindByIdAsync(id) ?? throw new InvalidOperationException($"User {id} disappeared during a retried save.");
                if (user.ConcurrencyStamp != form.ConcurrencyStamp)
                {
                    return IdentityResult.Failed(users.ErrorDescriber.ConcurrencyFailure());
                }
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var outcome = await SaveUserAsync(user, form);
            if (outcome.Succeeded)
            {
                // A changed role or county must take effect now, not at the next sign-in: a new stamp ends the user's sessions.
                outcome = await users.UpdateSecurityStampAsync(user);
            }

            if (outcome.Succeeded)
            {
                await transaction.CommitAsync(ct);
            }

            return outcome;
        }, cancellationToken);

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("", error.Description);
            }

            return View(new UserPage(form, await UserQueries.OptionsAsync(db, Today, cancellationToken)));
        }

        await sessions.EndAllAsync(user.Id, cancellationToken);
        return Notice($"{user.DisplayName} er oppdatert.", RedirectToAction(nameof(Index)));
    }

    private async Task<IdentityResult> SaveUserAsync(ApplicationUser user, UserForm form)
    {
        user.Email = form.Email.Trim();
        user.UserName = form.Email.Trim();
        user.DisplayName = form.DisplayName.Trim();
        user.CountyNumber = form.Role == Roles.CountyCoordinator ? form.CountyNumber : null;
        var result = await users.UpdateAsync(user);
        var currentRoles = await users.GetRolesAsync(user);
        if (result.Succeeded && !currentRoles.SequenceEqual([form.Role]))
        {
            result = await users.RemoveFromRolesAsync(user, currentRoles);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(user, form.Role);
            }
        }

        return result;
    }

    [HttpPost("{id}/las")]
    public Task<IActionResult> Lock(string id) => ChangeAsync(id, async user =>
    {
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        // Locked means signed out too, at the user's next request.
        await users.UpdateSecurityStampAsync(user);
        await sessions.EndAllAsync(user.Id);
        return $"{user.DisplayName} er låst.";
    });

    [HttpPost("{id}/las-opp")]
    public Task<IActionResult> Unlock(string id) => ChangeAsync(id, async user =>
    {
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return $"{user.DisplayName} er låst opp.";
    });

    [HttpPost("{id}/deaktiver")]
    public Task<IActionResult> Deactivate(string id) => ChangeAsync(id, async user =>
    {
        user.IsDeactivated = true;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await sessions.EndAllAsync(user.Id);
        return $"{user.DisplayName} er deaktivert og kan ikke logge inn.";
    });

    [HttpPost("{id}/aktiver")]
    public Task<IActionResult> Reactivate(string id) => ChangeAsync(id, async user =>
    {
        user.IsDeactivated = false;
        await users.UpdateAsync(user);
        return $"{user.DisplayName} er aktivert igjen.";
    });

    [HttpPost("{id}/passordlenke")]
    public async Task<IActionResult> ResetPassword(string id)
    {
        var user = await users.FindByIdAsync(id);
        return user is null ? NotFound() : await PasswordLinkAsync(user, created: false);
    }

    private async Task<IActionResult> ChangeAsync(string id, Func<ApplicationUser, Task<string>> change)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        return Notice(user.UserName == User.Identity?.Name ? "Du kan ikke låse eller deaktivere din egen bruker." : await change(user),
            RedirectToAction(nameof(Index)));
    }

    /// <summary>
    /// There is no mail server: the administrator sees the one-time link and hands it over. The link
    /// points at the configured public address, never at the Host header of this request.
    /// </summary>
    private async Task<IActionResult> PasswordLinkAsync(ApplicationUser user, bool created)
    {
        var lifetime = user.PasswordHash is null ? PasswordLinkTokenProvider.NewUserLifetime : PasswordLinkTokenProvider.ResetLifetime;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = publicAddress.LinkTo(Url.Action("SetPassword", "Account", new { userId = user.Id, token })!);
        return View("PasswordLink", new PasswordLinkModel(user.DisplayName, user.Email ?? "", link, created, lifetime));
    }
}
