using Erasmus.Domain.Entities;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Data.Seed;

/// <summary>
/// Brings the reference tables in line with the files in Data/Seed/Reference. Idempotent: a second
/// run changes nothing. Target values are only seeded when a target has none, so an administrator's
/// revision is never overwritten.
/// </summary>
public static class ReferenceDataSeeder
{
    /// <summary>
    /// Duration rules from the files apply from 2014, so projects of the previous period (which never
    /// count, but exist and run into 2021) can have their mobilities registered. Later calls' changes
    /// are added as rules valid from their call year.
    /// </summary>
    public const int RulesValidFromCallYear = 2014;

    public static async Task SeedAsync(ErasmusDbContext db, CancellationToken cancellationToken = default)
    {
        await SeedCountiesAsync(db, cancellationToken);
        await SeedCountriesAsync(db, cancellationToken);
        await SeedTopicsAsync(db, cancellationToken);
        await SeedActivityTypesAsync(db, cancellationToken);
        await SeedStrategyTargetsAsync(db, cancellationToken);
        await SeedRolesAsync(db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task SeedCountiesAsync(ErasmusDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.Counties.ToDictionaryAsync(c => c.Number, cancellationToken);
        foreach (var row in ReferenceFiles.Read("counties.csv"))
        {
            var (number, name, from, to, isAuthority, partOf) = (row.Text("number"), row.Text("name"), row.Date("valid_from"),
                row.OptionalDate("valid_to"), row.Flag("is_county_authority"), row.Text("part_of_2020_county"));
            if (existing.TryGetValue(number, out var county))
            {
                county.Update(name, from, to, isAuthority, partOf);
            }
            else
            {
                db.Counties.Add(new County(number, name, from, to, isAuthority, partOf));
            }
        }
    }

    private static async Task SeedCountriesAsync(ErasmusDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.Countries.ToDictionaryAsync(c => c.Code, cancellationToken);
        foreach (var row in ReferenceFiles.Read("countries.csv"))
        {
            var (code, nameNb, nameEn, isProgramme) = (row.Text("code"), row.Text("name_nb"), row.Text("name_en"), row.Flag("is_programme_country"));
            if (existing.TryGetValue(code, out var country))
            {
                country.Update(nameNb, nameEn, isProgramme);
            }
            else
            {
                db.Countries.Add(new Country(code, nameNb, nameEn, isProgramme));
            }
        }
    }

    private static async Task SeedTopicsAsync(ErasmusDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.Topics.ToDictionaryAsync(t => t.Code, cancellationToken);
        foreach (var row in ReferenceFiles.Read("topics.csv"))
        {
            var (code, nameNb, nameEn) = (row.Text("code"), row.Text("name_nb"), row.Text("name_en"));
            if (existing.TryGetValue(code, out var topic))
            {
                topic.Update(nameNb, nameEn);
            }
            else
            {
                db.Topics.Add(new Topic(code, nameNb, nameEn));
            }
        }
    }

    private static async Task SeedActivityTypesAsync(ErasmusDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.ActivityTypes.ToDictionaryAsync(a => a.Code, cancellationToken);
        foreach (var row in ReferenceFiles.Read("activity-types.csv"))
        {
            var (code, nameNb, nameEn, group) = (row.Text("code"), row.Text("name_nb"), row.Text("name_en"), row.Text("group"));
            var (minDays, maxDays) = (row.Number("min_days"), row.Number("max_days"));
            var sectors = row.Text("sector").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (!existing.TryGetValue(code, out var activity))
            {
                activity = new ActivityType(code, nameNb, nameEn, group, sectors);
                db.ActivityTypes.Add(activity);
            }
            else if (activity.NameNb != nameNb || activity.NameEn != nameEn || activity.ParticipantGroup != group
                     || !activity.Sectors.SequenceEqual(sectors))
            {
                activity.Update(nameNb, nameEn, group, sectors);
            }

            var rule = activity.RuleFor(RulesValidFromCallYear);
            if (rule is null || rule.ValidFromCallYear != RulesValidFromCallYear || rule.MinDays != minDays || rule.MaxDays != maxDays)
            {
                activity.SetRule(RulesValidFromCallYear, minDays, maxDays);
            }
        }
    }

    private static async Task SeedStrategyTargetsAsync(ErasmusDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.StrategyTargets.ToDictionaryAsync(t => t.Code, cancellationToken);
        var order = 0;
        foreach (var row in ReferenceFiles.Read("strategy-targets.csv"))
        {
            order++;
            var code = row.Text("code");
            var area = Enum.Parse<TargetArea>(row.Text("area"));
            var unit = Enum.Parse<TargetUnit>(row.Text("unit"));
            var (titleNb, titleEn, kind, parameters, rule) =
                (row.Text("title_nb"), row.Text("title_en"), row.Text("metric_kind"), row.Text("metric_parameters"), row.Text("rule"));
            if (!existing.TryGetValue(code, out var target))
            {
                target = new StrategyTarget(code, area, titleNb, titleEn, unit, kind, parameters, order, rule);
                db.StrategyTargets.Add(target);
            }
            else if (target.Area != area || target.TitleNb != titleNb || target.TitleEn != titleEn || target.Unit != unit
                     || target.MetricKind != kind || !SameJson(target.MetricParameters, parameters)
                     || target.SortOrder != order || target.RuleDescription != rule)
            {
                target.Update(area, titleNb, titleEn, unit, kind, parameters, order, rule);
            }

            if (target.Values.Count == 0)
            {
                target.SetValue(row.Amount("target"), row.Date("effective_from"), "Strategiens opprinnelige mål");
            }
        }
    }

    private static async Task SeedRolesAsync(ErasmusDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.Roles.Select(r => r.Name ?? "").ToListAsync(cancellationToken);
        foreach (var role in Roles.All.Except(existing))
        {
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        }
    }

    // jsonb normalises whitespace and key order, so compare parsed documents, not strings.
    private static bool SameJson(string a, string b) =>
        System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(a), System.Text.Json.Nodes.JsonNode.Parse(b));
}
