using System.Globalization;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Import;

/// <summary>
/// Export in the import's own layout (so exporting and importing again changes nothing) and the
/// downloadable templates: a header, an example row and a sheet that documents every column.
/// </summary>
public static class ImportExport
{
    public static IQueryable<Mobility> MobilitiesOfProject(ErasmusDbContext db, int projectId) =>
        db.Mobilities.AsNoTracking().Where(m => m.ProjectId == projectId);

    /// <summary>The county's mobilities: of projects its organisation coordinates, or where coordinated abroad, its organisations are partners (as the lists).</summary>
    public static IQueryable<Mobility> MobilitiesOfCounty(ErasmusDbContext db, string county)
    {
        var projects = ProjectsOfCounty(db, county);
        return db.Mobilities.AsNoTracking().Where(m => projects.Any(p => p.Id == m.ProjectId));
    }

    public static IQueryable<Project> ProjectsOfCounty(ErasmusDbContext db, string county) =>
        db.Projects.AsNoTracking().Where(ProjectCounty.In([county]));

    public static SheetContent Mobilities(IQueryable<Mobility> mobilities) => new("Mobiliteter", [.. MobilityColumns.All.Select(c => c.English)],
        MobilityRows(mobilities), Widths(MobilityColumns.All));

    public static SheetContent Projects(ErasmusDbContext db, IQueryable<Project> projects) => new("Prosjekter", [.. ProjectColumns.All.Select(c => c.English)],
        ProjectRows(db, projects), Widths(ProjectColumns.All));

    public static IReadOnlyList<ImportColumn> ColumnsOf(ImportKind kind) => kind switch
    {
        ImportKind.Projects => ProjectColumns.All,
        ImportKind.Organisations => OrganisationColumns.All,
        ImportKind.Accreditations => AccreditationColumns.All,
        _ => MobilityColumns.All,
    };

    public static string SheetNameOf(ImportKind kind) => kind switch
    {
        ImportKind.Projects => "Prosjekter",
        ImportKind.Organisations => "Organisasjoner",
        ImportKind.Accreditations => "Akkrediteringer",
        _ => "Mobiliteter",
    };

    public static SheetContent Template(ImportKind kind)
    {
        var columns = ColumnsOf(kind);
        var example = columns.Select(c => (object?)(c.Key is "StartDate" or "EndDate" or "DecisionDate" or "ValidFrom" or "ValidTo"
            ? DateOnly.ParseExact(c.Example, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : c.Example)).ToArray();
        return new SheetContent(SheetNameOf(kind), [.. columns.Select(c => c.English)],
            SpreadsheetWriter.Rows([example]), Widths(columns));
    }

    /// <summary>Every rejection of a batch, one line per message: row, column, the cell's value as the file had it is not kept, so the message quotes it.</summary>
    public static SheetContent Rejections(ErasmusDbContext db, Guid batchId) => new("Avviste rader", ["Rad", "Kolonne", "Verdi", "Feil"],
        RejectionRows(db, batchId), [8, 30, 30, 120]);

    private static async IAsyncEnumerable<object?[]> RejectionRows(ErasmusDbContext db, Guid batchId)
    {
        await foreach (var error in db.Set<ImportRowError>().AsNoTracking().Where(e => e.BatchId == batchId).OrderBy(e => e.RowNumber).ThenBy(e => e.Id).AsAsyncEnumerable())
        {
            yield return [error.RowNumber, error.ColumnName, error.Value, error.Message];
        }
    }

    /// <summary>The second sheet of a template: each column in English and bokmål, whether it is required, and what it holds.</summary>
    public static SheetContent Guide(ImportKind kind)
    {
        var columns = ColumnsOf(kind);
        return new SheetContent("Veiledning", ["Kolonne (engelsk)", "Kolonne (bokmål)", "Påkrevd", "Innhold", "Eksempel", "Andre navn som godtas"],
            SpreadsheetWriter.Rows(columns.Select(c => new object?[] { c.English, c.Norwegian, c.Required ? "Ja" : "Nei", c.Format, c.Example, string.Join("; ", c.Aliases) })),
            [28, 28, 10, 90, 34, 50]);
    }

    public static async Task<SheetContent> ActivityTypesAsync(ErasmusDbContext db, CancellationToken cancellationToken)
    {
        var types = await db.ActivityTypes.AsNoTracking().OrderBy(a => a.Code).ToListAsync(cancellationToken);
        return new SheetContent("Aktivitetstyper", ["Kode", "Navn", "Sektorer", "Gruppe", "Varighet (dager) fra utlysningsår"],
            SpreadsheetWriter.Rows(types.Select(a => new object?[]
            {
                a.Code, a.NameNb, string.Join(", ", a.Sectors), a.ParticipantGroup,
                string.Join("; ", a.DurationRules.OrderBy(r => r.ValidFromCallYear).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.ValidFromCallYear}: {r.MinDays}–{r.MaxDays}"))),
            })),
            [18, 60, 16, 10, 40]);
    }

    /// <summary>The group as the beneficiary tool writes it; the import reads these words back.</summary>
    public static string GroupText(ParticipantGroup group) => group switch
    {
        ParticipantGroup.Learner => "Learner",
        ParticipantGroup.Staff => "Staff",
        ParticipantGroup.AccompanyingPerson => "Accompanying person",
        _ => "Other",
    };

    private static async IAsyncEnumerable<object?[]> MobilityRows(IQueryable<Mobility> mobilities)
    {
        var rows = mobilities
            .OrderBy(m => m.Project!.Reference).ThenBy(m => m.MobilityId)
            .Select(m => new
            {
                m.Project!.Reference,
                m.MobilityId,
                m.ActivityTypeCode,
                m.ParticipantGroup,
                m.FewerOpportunities,
                m.GreenTravel,
                m.Blended,
                SendingOid = m.SendingOrganisation!.Oid,
                SendingName = m.SendingOrganisation.Name,
                ReceivingOid = m.ReceivingOrganisation!.Oid,
                ReceivingName = m.ReceivingOrganisation.Name,
                m.SendingCountryCode,
                m.ReceivingCountryCode,
                m.StartDate,
                m.EndDate,
                m.ParticipantCount,
                m.Direction,
                m.Status,
            })
            .AsAsyncEnumerable();
        await foreach (var m in rows)
        {
            yield return
            [
                m.Reference, m.MobilityId, m.ActivityTypeCode, GroupText(m.ParticipantGroup), m.ParticipantGroup == ParticipantGroup.AccompanyingPerson,
                m.FewerOpportunities, m.GreenTravel, m.Blended, m.SendingOid, m.SendingName, m.ReceivingOid, m.ReceivingName,
                m.SendingCountryCode, m.ReceivingCountryCode, m.StartDate, m.EndDate, m.ParticipantCount,
                m.Direction.ToString(), m.Status.ToString(),
            ];
        }
    }

    private static async IAsyncEnumerable<object?[]> ProjectRows(ErasmusDbContext db, IQueryable<Project> projects)
    {
        var ids = await projects.Select(p => p.Id).ToListAsync();
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => db.Projects.Any(p => ids.Contains(p.Id) && (p.CoordinatorId == o.Id || p.Partners.Any(pp => pp.OrganisationId == o.Id))))
            .ToDictionaryAsync(o => o.Id);
        var rows = db.Projects.AsNoTracking().AsSplitQuery()
            .Include(p => p.Partners).Include(p => p.Topics).Include(p => p.AwardedMobilities)
            .Where(p => ids.Contains(p.Id))
            .OrderBy(p => p.Reference)
            .AsAsyncEnumerable();
        await foreach (var p in rows)
        {
            var coordinator = organisations[p.CoordinatorId];
            yield return
            [
                p.Reference, p.Action.ToString(), p.Sector.ToString(), p.CallYear, p.Round, coordinator.Oid, coordinator.Name, coordinator.CountryCode,
                string.Join("; ", p.Partners.Select(pp => organisations[pp.OrganisationId]).OrderBy(o => o.Name, StringComparer.Ordinal).Select(o => o.Oid ?? o.Name)),
                p.StartDate, p.EndDate, p.DecisionDate, p.Status.ToString(), p.GrantEur, p.GreenTravelTopUp, p.InclusionSupport, p.BlendedMobility,
                string.Join("; ", p.Topics.Select(t => t.TopicCode).Order(StringComparer.Ordinal)),
                string.Join("; ", p.AwardedMobilities.OrderBy(a => a.ActivityTypeCode, StringComparer.Ordinal)
                    .Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.ActivityTypeCode}={a.Participants}"))),
            ];
        }
    }

    private static double[] Widths(IReadOnlyList<ImportColumn> columns) =>
        [.. columns.Select(c => (double)Math.Clamp(Math.Max(c.English.Length, c.Example.Length) + 3, 12, 40))];

    /// <summary>A file name part from a project reference or county: letters, digits and hyphens only.</summary>
    public static string FilePart(string text) => new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);

    public static bool IsCounty(string? county) => county is { Length: 2 } && char.IsAsciiDigit(county[0]) && char.IsAsciiDigit(county[1]);
}
