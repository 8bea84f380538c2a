using System.Globalization;
using System.Text.Json;
using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Import;

/// <summary>
/// The confirmation's check of the uploader's rights as they are now, not as they were when the file
/// was read: a user who has since been deactivated, locked or given another role or county must not
/// write what their old rights allowed. Every row the confirmation would write is checked against the
/// records as they are now (the project's counties, the organisations' counties), as the row checkers
/// and the forms do; if any row is no longer covered, nothing is saved.
/// </summary>
internal static class ImportRights
{
    private const string NoRightsMessage = "Du har ikke lenger rett til å importere: brukeren din er endret, låst eller deaktivert etter at filen ble lest. Ingenting er lagret.";

    private const int RowsNamed = 5;

    /// <summary>Throws <see cref="ImportConflictException"/> (the batch goes back to the preview with the message) when a row is no longer the user's to write.</summary>
    public static async Task CheckAsync(ErasmusDbContext db, ImportBatch batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // As Identity's default lookup normaliser stores user names.
        var normalised = batch.UserName.Normalize().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalised)
            .Select(u => new { u.Id, u.IsDeactivated, u.LockoutEnd, u.CountyNumber })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null || user.IsDeactivated || user.LockoutEnd > now)
        {
            throw new ImportConflictException(NoRightsMessage);
        }

        var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name)
            .ToListAsync(cancellationToken);
        if (roles.Contains(Roles.Analyst))
        {
            return;
        }

        if (!roles.Contains(Roles.CountyCoordinator) || user.CountyNumber is not { } county)
        {
            throw new ImportConflictException(NoRightsMessage);
        }

        var data = await ImportReferenceData.LoadAsync(db, withProjects: false, cancellationToken);
        var refused = batch.Kind switch
        {
            ImportKind.Mobilities => await RefusedMobilityRowsAsync(db, batch, data, county, cancellationToken),
            ImportKind.Projects => await RefusedProjectRowsAsync(db, batch, data, county, cancellationToken),
            ImportKind.Organisations => await RefusedOrganisationRowsAsync(db, batch, data, county, cancellationToken),
            _ => await RefusedAccreditationRowsAsync(db, batch, data, county, cancellationToken),
        };
        if (refused.Count > 0)
        {
            var rows = string.Join(", ", refused.Order().Take(RowsNamed).Select(r => r.ToString(CultureInfo.InvariantCulture)));
            throw new ImportConflictException(
                $"Rettighetene dine er endret etter at filen ble lest: {refused.Count} av radene gjelder prosjekter eller organisasjoner utenfor ditt fylke ({data.CountyName(county)}), blant dem rad {rows}. Ingenting er lagret. Last opp filen på nytt for en ny forhåndsvisning.");
        }
    }

    /// <summary>Rows of projects outside the county now, or naming a Norwegian organisation the project's county may not use (the mobility form's rule).</summary>
    private static async Task<List<int>> RefusedMobilityRowsAsync(ErasmusDbContext db, ImportBatch batch, ImportReferenceData data, string county,
        CancellationToken cancellationToken)
    {
        var scopes = await ProjectScopesAsync(db, data, db.Projects.Where(p => db.Set<ImportMobilityRow>().Any(r => r.BatchId == batch.Id && r.ProjectId == p.Id)),
            cancellationToken);
        var rows = await db.Set<ImportMobilityRow>().AsNoTracking().Where(r => r.BatchId == batch.Id)
            .Select(r => new { r.RowNumber, r.ProjectId, r.SendingOrganisationId, r.ReceivingOrganisationId })
            .ToListAsync(cancellationToken);
        var organisationCounties = scopes.ToDictionary(s => s.Key, s => data.OrganisationCountiesFor(s.Value));
        bool Usable(int projectId, int? organisationId) =>
            organisationId is not { } id || !data.Organisations.TryGetValue(id, out var organisation) || organisation.CountryCode != Organisation.Norway
            || (organisation.CountyNumber is { } number && organisationCounties[projectId].Contains(number));
        return [.. rows.Where(r => !scopes.TryGetValue(r.ProjectId, out var scope) || !scope.Contains(county)
                || !Usable(r.ProjectId, r.SendingOrganisationId) || !Usable(r.ProjectId, r.ReceivingOrganisationId))
            .Select(r => r.RowNumber)];
    }

    /// <summary>Rows that would change a project outside the county now, or leave a project outside it (the project form's rule: before and after).</summary>
    private static async Task<List<int>> RefusedProjectRowsAsync(ErasmusDbContext db, ImportBatch batch, ImportReferenceData data, string county,
        CancellationToken cancellationToken)
    {
        var rows = await db.Set<ImportProjectRow>().AsNoTracking()
            .Where(r => r.BatchId == batch.Id && (r.Outcome == RowOutcome.New || r.Outcome == RowOutcome.Changed))
            .Select(r => new { r.RowNumber, r.ExistingId, r.Payload })
            .ToListAsync(cancellationToken);
        var scopes = await ProjectScopesAsync(db, data,
            db.Projects.Where(p => db.Set<ImportProjectRow>().Any(r => r.BatchId == batch.Id && r.ExistingId == p.Id)), cancellationToken);
        var refused = new List<int>();
        foreach (var row in rows)
        {
            var before = row.ExistingId is not { } id || (scopes.TryGetValue(id, out var scope) && scope.Contains(county));
            var (coordinator, partners) = Participants(row.Payload);
            if (!before || !ScopeOf(data, coordinator, partners).Contains(county))
            {
                refused.Add(row.RowNumber);
            }
        }

        return refused;
    }

    /// <summary>Rows that would change an organisation outside the county now, or put one in another county (the form's rule, decision 8).</summary>
    private static async Task<List<int>> RefusedOrganisationRowsAsync(ErasmusDbContext db, ImportBatch batch, ImportReferenceData data, string county,
        CancellationToken cancellationToken)
    {
        var rows = await ChangingRowsAsync(db, batch, cancellationToken);
        var refused = new List<int>();
        foreach (var row in rows)
        {
            var after = OrganisationImport.Deserialise(row.Payload);
            var before = row.ExistingId is { } id ? data.Organisations.GetValueOrDefault(id) : null;
            var beforeAllowed = row.ExistingId is null
                || (before is not null && before.CountryCode == Organisation.Norway && data.ScopeOf([before.CountyNumber]).Contains(county));
            var afterAllowed = after.CountryCode != Organisation.Norway || after.CountyNumber == county || (before is not null && after.CountyNumber == before.CountyNumber);
            if (!beforeAllowed || !afterAllowed)
            {
                refused.Add(row.RowNumber);
            }
        }

        return refused;
    }

    /// <summary>Rows of accreditations whose holder is outside the county now, or that add a holder or members from outside it.</summary>
    private static async Task<List<int>> RefusedAccreditationRowsAsync(ErasmusDbContext db, ImportBatch batch, ImportReferenceData data, string county,
        CancellationToken cancellationToken)
    {
        var rows = await ChangingRowsAsync(db, batch, cancellationToken);
        var ids = rows.Where(r => r.ExistingId is not null).Select(r => r.ExistingId!.Value).ToList();
        var saved = await db.Accreditations.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.HolderId, Members = a.Members.Select(m => m.OrganisationId).ToList() }).ToDictionaryAsync(a => a.Id, cancellationToken);
        bool InCounty(int organisationId) => data.Organisations.TryGetValue(organisationId, out var o) && data.ScopeOf([o.CountyNumber]).Contains(county);
        var refused = new List<int>();
        foreach (var row in rows)
        {
            var after = AccreditationImport.Deserialise(row.Payload);
            var before = row.ExistingId is { } id ? saved.GetValueOrDefault(id) : null;
            var allowed = (row.ExistingId is null || (before is not null && InCounty(before.HolderId)))
                && (after.HolderId == before?.HolderId || InCounty(after.HolderId))
                && after.Members.Where(m => before?.Members.Contains(m) != true).All(InCounty);
            if (!allowed)
            {
                refused.Add(row.RowNumber);
            }
        }

        return refused;
    }

    private static Task<List<ImportRecordRow>> ChangingRowsAsync(ErasmusDbContext db, ImportBatch batch, CancellationToken cancellationToken) =>
        db.Set<ImportRecordRow>().AsNoTracking()
            .Where(r => r.BatchId == batch.Id && (r.Outcome == RowOutcome.New || r.Outcome == RowOutcome.Changed))
            .ToListAsync(cancellationToken);

    private static async Task<Dictionary<int, HashSet<string>>> ProjectScopesAsync(ErasmusDbContext db, ImportReferenceData data, IQueryable<Project> projects,
        CancellationToken cancellationToken)
    {
        var owners = await projects.AsNoTracking()
            .Select(p => new { p.Id, p.CoordinatorId, Partners = p.Partners.Select(pp => pp.OrganisationId).ToList() })
            .ToListAsync(cancellationToken);
        return owners.ToDictionary(p => p.Id, p => ScopeOf(data, p.CoordinatorId, p.Partners));
    }

    /// <summary>The Norwegian coordinator's county, or when coordinated abroad the Norwegian partners' counties (as CountyScopes).</summary>
    private static HashSet<string> ScopeOf(ImportReferenceData data, int coordinatorId, IEnumerable<int> partners)
    {
        if (!data.Organisations.TryGetValue(coordinatorId, out var coordinator))
        {
            return [];
        }

        return coordinator.CountryCode == Organisation.Norway
            ? data.ScopeOf([coordinator.CountyNumber])
            : data.ScopeOf(partners.Select(data.Organisations.GetValueOrDefault).Where(o => o?.CountryCode == Organisation.Norway).Select(o => o!.CountyNumber));
    }

    /// <summary>The coordinator and partners a staged project row will save (read from its payload alone, so the check does not depend on the rest of its shape).</summary>
    private static (int Coordinator, int[] Partners) Participants(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        var coordinator = root.TryGetProperty("coordinatorId", out var c) && c.TryGetInt32(out var id) ? id : 0;
        int[] partners = root.TryGetProperty("partners", out var p) && p.ValueKind == JsonValueKind.Array
            ? [.. p.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Number).Select(e => e.GetInt32())]
            : [];
        return (coordinator, partners);
    }
}
