using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Erasmus.Web.Data;
using Erasmus.Web.Data.Audit;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Audit;

/// <summary>
/// The audit list (administrators and analysts) and the history of any record. User accounts' entries
/// (e-mail addresses, roles, locks) are the administrators' alone, in the list as in the histories.
/// </summary>
public sealed class AuditController(ErasmusDbContext db) : Controller
{
    /// <summary>Record types whose entries only administrators read: the user accounts and their roles.</summary>
    private static readonly string[] AdministratorsOnly = [nameof(ApplicationUser), "IdentityUserRole`1"];

    [Authorize(Policy = Policies.ReadAudit)]
    [HttpGet("/revisjonslogg")]
    public async Task<IActionResult> Index([FromQuery] AuditQuery query, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            query = new AuditQuery();
        }

        var entries = Readable(db.AuditEntries.AsNoTracking());
        if (!string.IsNullOrWhiteSpace(query.EntityType))
        {
            entries = entries.Where(e => e.RootType == query.EntityType || e.EntityType == query.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(query.User))
        {
            entries = entries.Where(e => EF.Functions.ILike(e.UserName, $"%{query.User.Trim()}%"));
        }

        if (query.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }

        if (query.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.OccurredAt >= start);
        }

        if (query.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.OccurredAt < end);
        }

        var page = await entries.OrderByDescending(e => e.Id).ToPagedListAsync(query.Page, query.PageSize, cancellationToken);
        var types = await Readable(db.AuditEntries).Select(e => e.RootType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        return View(new AuditListModel(query, types, page.Items.Select(AuditRow.From).ToList(), page));
    }

    /// <summary>Every change to one record and the rows that belong to it, newest first.</summary>
    [HttpGet("/historikk/{type}/{key}")]
    public async Task<IActionResult> History(string type, string key, CancellationToken cancellationToken)
    {
        // Users' histories are for administrators only; everyone signed in may read the others.
        if (AdministratorsOnly.Contains(type) && !User.IsInRole(Roles.Administrator))
        {
            return Forbid();
        }

        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.RootType == type && e.RootKey == key)
            .OrderByDescending(e => e.Id)
            .Take(500)
            .ToListAsync(cancellationToken);
        return View(new HistoryModel(type, key, entries.Select(AuditRow.From).ToList()));
    }

    /// <summary>Every entry for an administrator; for others, none about user accounts, whether filed under the user or the row itself.</summary>
    private IQueryable<AuditEntry> Readable(IQueryable<AuditEntry> entries) =>
        User.IsInRole(Roles.Administrator)
            ? entries
            : entries.Where(e => !AdministratorsOnly.Contains(e.RootType) && !AdministratorsOnly.Contains(e.EntityType));
}

public sealed class AuditQuery
{
    [StringLength(60)]
    public string? EntityType { get; set; }

    [StringLength(256)]
    public string? User { get; set; }

    public AuditAction? Action { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}

public sealed record AuditRow(DateTimeOffset OccurredAt, string UserName, AuditAction Action, string EntityType, string EntityKey,
    string RootType, string RootKey, IReadOnlyList<AuditChange> Changes)
{
    public static AuditRow From(AuditEntry entry) => new(entry.OccurredAt, entry.UserName, entry.Action, entry.EntityType, entry.EntityKey,
        entry.RootType, entry.RootKey, ParseChanges(entry.Changes));

    private static List<AuditChange> ParseChanges(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(c => new AuditChange(
            c.GetProperty("field").GetString() ?? "",
            c.GetProperty("old").ValueKind == JsonValueKind.Null ? null : c.GetProperty("old").GetString(),
            c.GetProperty("new").ValueKind == JsonValueKind.Null ? null : c.GetProperty("new").GetString()))];
    }
}

public sealed record AuditListModel(AuditQuery Query, IReadOnlyList<string> EntityTypes, IReadOnlyList<AuditRow> Rows, IPagedList Page);

public sealed record HistoryModel(string Type, string Key, IReadOnlyList<AuditRow> Rows);
