using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Shared;

/// <summary>A posted form that carries the row version (PostgreSQL xmin) the user started from.</summary>
public interface IVersionedForm
{
    uint Version { get; set; }
}

/// <summary>A details page that shows its edit links only to those who may use them.</summary>
public interface IEditablePage
{
    bool CanEdit { set; }
}

/// <summary>A delete confirmation's page: the version it shows, and itself again with why the last confirmation did not delete.</summary>
public interface IDeletePage<out T>
{
    uint Version { get; }

    T WithRefusal(string? refusal);
}

/// <summary>
/// What a delete needs: the confirmation page as the record is now (null when it is gone) and the scope
/// that decides who may delete it; whether something depends on it (then the page says what); the tracked
/// record (loaded with the rows that go with it, so the audit trail has them); the notices for "deleted"
/// and "deleted by someone else"; and the page the user goes to then.
/// </summary>
public sealed record Deletion<T>(Func<Task<T?>> Page, Func<Task<CountyScope>> Scope, Func<T, bool> Blocked, Func<Task<AuditableEntity>> Record,
    Func<T, string> DeletedNotice, Func<T, string> GoneNotice, Func<T, IActionResult> Next)
    where T : class, IDeletePage<T>;

/// <summary>The record as someone else saved it while the user edited: its version now and the fields that differ.</summary>
public sealed record SavedMeanwhile(uint Version, IEnumerable<ConflictRow> Rows);

/// <summary>
/// How an edit answers a concurrent save: <paramref name="Theirs"/> reads the record as it is now (null
/// when someone deleted it), and then the user goes to <paramref name="AfterDeleted"/> with <paramref name="DeletedNotice"/>.
/// </summary>
public sealed record Concurrency(Func<Task<SavedMeanwhile?>> Theirs, string DeletedNotice, Func<IActionResult> AfterDeleted);

/// <summary>
/// The steps every action on a county's records shares, each with one home, so that an action reads as
/// its use case: <see cref="RefusalAsync"/> (404, then 403), <see cref="SaveAsync"/> (the domain's
/// refusal, the concurrency conflict and the database's refusal) and <see cref="Notice"/> (the line the
/// next page shows). See docs/architecture.md, "An edit action, step by step".
/// </summary>
public abstract class RecordController : Controller
{
    /// <summary>The TempData key `_Notice.cshtml` reads.</summary>
    public const string NoticeKey = Notices.Key;

    // The request's own instances (scoped), the same the derived controller was given.
    private ErasmusDbContext Database => HttpContext.RequestServices.GetRequiredService<ErasmusDbContext>();

    private IAuthorizationService Authorization => HttpContext.RequestServices.GetRequiredService<IAuthorizationService>();

    /// <summary>404 when the record is missing, 403 when the user may not change it; null when the action may go on.</summary>
    protected async Task<IActionResult?> RefusalAsync(object? record, Func<Task<CountyScope>> scope) =>
        record is null ? NotFound() : await CanEditAsync(scope) ? null : Forbid();

    /// <summary>404 when the record is missing, 403 when <paramref name="allowed"/> refuses the user; null when the action may go on.</summary>
    protected IActionResult? Refusal<T>(T? record, Func<T, bool> allowed) where T : class =>
        record is null ? NotFound() : allowed(record) ? null : Forbid();

    protected async Task<bool> CanEditAsync(Func<Task<CountyScope>> scope) => await Authorization.CanEditAsync(User, await scope());

    /// <summary>A details page: 404 when the record is missing, else the page, with edit links for those who may edit.</summary>
    protected async Task<IActionResult> DetailsPageAsync<T>(T? model, Func<Task<CountyScope>> scope) where T : class, IEditablePage
    {
        if (model is null)
        {
            return NotFound();
        }

        model.CanEdit = await CanEditAsync(scope);
        return View(model);
    }

    /// <summary>A list page: a query string the binder could not read is a bad request, not an empty list.</summary>
    protected async Task<IActionResult> ListPageAsync<T>(Func<Task<T>> list) => ModelState.IsValid ? View(await list()) : BadRequest();

    /// <summary>Leaves the notice for the page the user goes to next, and goes there.</summary>
    protected IActionResult Notice(string text, IActionResult next) => Notices.Notice(this, text, next);

    /// <summary>
    /// Runs the save and answers what can refuse it: the domain's rules (beside their fields), a
    /// concurrent edit (with <paramref name="concurrency"/>: the fields that differ and the newer version
    /// to save over; the list with a notice when the record is gone) and the database (a unique value
    /// saved by someone in between the check and the save gets its link from <paramref name="duplicates"/>,
    /// anything else its message; without <paramref name="duplicates"/> <see cref="SaveFailureFilter"/> answers).
    /// Returns null when the form must be shown again.
    /// </summary>
    protected async Task<IActionResult?> SaveAsync(object form, Func<Task<IActionResult>> save, Func<Task>? duplicates, Concurrency? concurrency = null)
    {
        try
        {
            return await save();
        }
        catch (DomainException ex)
        {
            ModelState.AddViolations(ex);
        }
        catch (DbUpdateConcurrencyException) when (concurrency is not null && form is IVersionedForm versioned)
        {
            if (await concurrency.Theirs() is not { } theirs)
            {
                return Notice(concurrency.DeletedNotice, concurrency.AfterDeleted());
            }

            ViewData.AddConflict(ModelState, theirs.Rows);
            versioned.Version = theirs.Version;
            ModelState.Remove(nameof(IVersionedForm.Version));
        }
        catch (DbUpdateException ex) when (duplicates is not null && SaveFailures.Describe(ex) is { } failure)
        {
            Database.ChangeTracker.Clear();
            await duplicates();
            if (ModelState.IsValid)
            {
                ModelState.AddSaveFailure(failure, FormFields.Of(form.GetType()));
            }
        }

        return null;
    }

    /// <summary>The delete confirmation page: 404, 403, or the record with what depends on it.</summary>
    protected async Task<IActionResult> DeletePageAsync<T>(Deletion<T> deletion) where T : class, IDeletePage<T>
    {
        var page = await deletion.Page();
        return await RefusalAsync(page, deletion.Scope) ?? View("Delete", page);
    }

    /// <summary>
    /// Deletes only the version the user confirmed (<see cref="DeleteConfirmation"/>): while something
    /// depends on the record, the page says what; an incomplete or stale confirmation, or a change or a
    /// new dependent record saved meanwhile, shows the record again as it is now.
    /// </summary>
    protected async Task<IActionResult> DeleteConfirmedAsync<T>(string? version, Deletion<T> deletion, CancellationToken cancellationToken)
        where T : class, IDeletePage<T>
    {
        var page = await deletion.Page();
        if (await RefusalAsync(page, deletion.Scope) is { } refused)
        {
            return refused;
        }

        if (deletion.Blocked(page!))
        {
            return View("Delete", page);
        }

        if (DeleteConfirmation.Refusal(version, page!.Version, out var confirmed) is { } refusal)
        {
            return View("Delete", page.WithRefusal(refusal));
        }

        try
        {
            if (!await DeleteConfirmation.DeleteAsync(Database, await deletion.Record(), confirmed, cancellationToken))
            {
                return await ShownAgainAsync(DeleteConfirmation.ChangedMessage);
            }
        }
        catch (DbUpdateException ex) when (SaveFailures.Describe(ex) is not null)
        {
            // A record came to depend on this one after the check above: show it instead.
            Database.ChangeTracker.Clear();
            return await ShownAgainAsync(null);
        }

        return Notice(deletion.DeletedNotice(page), deletion.Next(page));

        async Task<IActionResult> ShownAgainAsync(string? why) =>
            await deletion.Page() is { } current ? View("Delete", current.WithRefusal(why)) : Notice(deletion.GoneNotice(page), deletion.Next(page));
    }

    /// <summary>Saves the tracked record as of the version the user started from.</summary>
    /// <param name="touch">Also for a change only to child rows (partners, members): touching the row makes the save check and bump its version.</param>
    protected async Task SaveAsOfAsync(AuditableEntity record, IVersionedForm form, bool touch, CancellationToken cancellationToken)
    {
        var entry = Database.Entry(record);
        entry.Property(r => r.Version).OriginalValue = form.Version;
        if (touch)
        {
            entry.Property(r => r.UpdatedAt).IsModified = true;
        }

        await Database.SaveChangesAsync(cancellationToken);
    }

    private static class FormFields
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string[]> Cache = new();

        /// <summary>The fields a form shows, so that a database message for another goes to the summary.</summary>
        public static string[] Of(Type form) => Cache.GetOrAdd(form, t => [.. t.GetProperties().Select(p => p.Name)]);
    }
}

/// <summary>A value that another record already has, with a link to it.</summary>
public sealed record Duplicate(RuleViolation Violation, DuplicateLink Link);
