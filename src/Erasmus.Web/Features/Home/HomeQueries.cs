using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Home;

/// <summary>The coordinator's start page: the county at a glance and the records that need attention.</summary>
public static class HomeQueries
{
    public static async Task<CountyOverview> CountyOverviewAsync(ErasmusDbContext db, string countyNumber, IReadOnlyList<string> counties, DateOnly today,
        CancellationToken cancellationToken)
    {
        var countyName = await db.Counties.Where(c => c.Number == countyNumber).Select(c => c.Name).SingleAsync(cancellationToken);

        // A project belongs to the county of its Norwegian coordinator, or, coordinated abroad, to its Norwegian partners' counties.
        var projects = db.Projects.Where(ProjectCounty.In(counties));

        var accreditations = await db.Accreditations.Where(a => counties.Contains(a.Holder!.CountyNumber!))
            .GroupBy(a => a.Sector)
            .Select(g => new SectorCount(g.Key, g.Count(a => a.Status == AccreditationStatus.Active), g.Count()))
            .ToListAsync(cancellationToken);

        var projectsPerYear = await projects.GroupBy(p => p.CallYear).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var awardedPerYear = await (from a in db.Set<AwardedMobility>()
                                    join p in projects on a.ProjectId equals p.Id
                                    group (long)a.Participants by p.CallYear into g
                                    select new { g.Key, Sum = g.Sum() }).ToDictionaryAsync(x => x.Key, x => Capped(x.Sum), cancellationToken);
        var byCallYear = projectsPerYear.OrderByDescending(y => y.Key)
            .Select(y => new CallYearCount(y.Key, y.Count, awardedPerYear.GetValueOrDefault(y.Key)))
            .ToList();

        var yearStart = new DateOnly(today.Year, 1, 1);
        var mobilitiesThisYear = db.Mobilities.Where(m => projects.Any(p => p.Id == m.ProjectId) && m.StartDate >= yearStart && m.StartDate <= new DateOnly(today.Year, 12, 31));
        var thisYear = new MobilityYear(
            today.Year,
            Capped(await mobilitiesThisYear.Where(m => m.Status != MobilityStatus.Cancelled).SumAsync(m => (long?)m.ParticipantCount, cancellationToken)),
            Capped(await mobilitiesThisYear.Where(m => m.Status == MobilityStatus.Realised).SumAsync(m => (long?)m.ParticipantCount, cancellationToken)));

        var overduePlanned = await db.Mobilities
            .Where(m => projects.Any(p => p.Id == m.ProjectId) && m.Status == MobilityStatus.Planned && m.EndDate < today)
            .OrderBy(m => m.EndDate)
            .Select(m => new AttentionItem($"/mobiliteter/{m.Id}", m.MobilityId + " (" + m.Project!.Reference + ")", m.EndDate))
            .Take(50)
            .ToListAsync(cancellationToken);

        var underRegistered = await projects
            .Where(p => p.EndDate < today && (p.Status == ProjectStatus.Ongoing || p.Status == ProjectStatus.Completed || p.Status == ProjectStatus.Granted))
            .Select(p => new
            {
                p.Id,
                p.Reference,
                p.EndDate,
                Awarded = p.AwardedMobilities.Sum(a => (long?)a.Participants) ?? 0,
                Registered = db.Mobilities.Where(m => m.ProjectId == p.Id && m.Status != MobilityStatus.Cancelled).Sum(m => (long?)m.ParticipantCount) ?? 0,
            })
            .Where(p => p.Registered < p.Awarded)
            .OrderBy(p => p.EndDate)
            .Take(50)
            .ToListAsync(cancellationToken);

        return new CountyOverview(countyNumber, countyName, accreditations, byCallYear, thisYear, overduePlanned,
            [.. underRegistered.Select(p => new UnderRegistered($"/prosjekter/{p.Id}", p.Reference, p.EndDate, Capped(p.Awarded), Capped(p.Registered)))]);
    }

    /// <summary>Sums are taken as bigint: rows older than the CHECK constraints may hold numbers whose sum no integer holds.</summary>
    private static int Capped(long? sum) => (int)Math.Clamp(sum ?? 0, 0, int.MaxValue);
}

public sealed record SectorCount(Sector Sector, int Active, int Total);

public sealed record CallYearCount(int CallYear, int Projects, int AwardedParticipants);

public sealed record MobilityYear(int Year, int RegisteredParticipants, int RealisedParticipants);

public sealed record AttentionItem(string Href, string Label, DateOnly EndDate);

public sealed record UnderRegistered(string Href, string Reference, DateOnly EndDate, int Awarded, int Registered);

public sealed record CountyOverview(string CountyNumber, string CountyName, IReadOnlyList<SectorCount> Accreditations, IReadOnlyList<CallYearCount> ProjectsByCallYear,
    MobilityYear ThisYear, IReadOnlyList<AttentionItem> OverduePlannedMobilities, IReadOnlyList<UnderRegistered> ProjectsWithFewerRegistered);
