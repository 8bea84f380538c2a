using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Import;

/// <summary>Who imports: an analyst nationally, a coordinator only inside their county.</summary>
public sealed record ImportActor(string UserName, bool National, string? CountyNumber)
{
    public static ImportActor Of(ImportBatch batch) => new(batch.UserName, batch.National, batch.CountyNumber);
}

public sealed record ProjectInfo(Project Project, IReadOnlySet<string> Scope);

public sealed record OrganisationInfo(int Id, string Name, string CountryCode, string? CountyNumber, string? Oid);

/// <summary>
/// Everything a row is checked against, loaded once per file: projects with the counties they belong to
/// (as CountyScopes works them out), activity types with their duration rules, countries,
/// organisations by OID and by name. Rows are then checked in memory by the domain's own rules.
/// </summary>
public sealed class ImportReferenceData
{
    private readonly Dictionary<string, string> _countries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrganisationInfo> _byOid = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Name, string Country), List<OrganisationInfo>> _byName = [];
    private readonly Dictionary<string, List<OrganisationInfo>> _byNameAnyCountry = new(StringComparer.Ordinal);

    public Dictionary<string, ProjectInfo> Projects { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ActivityType> Activities { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, string> CountyNames { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Topics { get; } = new(StringComparer.Ordinal);
    public Dictionary<int, OrganisationInfo> Organisations { get; } = [];

    /// <summary>Saved partners, topics and awarded numbers per project id (loaded for the project import only).</summary>
    public Dictionary<int, List<int>> PartnersOf { get; } = [];

    public Dictionary<int, List<string>> TopicsOf { get; } = [];

    public Dictionary<int, Dictionary<string, int>> AwardedOf { get; } = [];

    /// <summary>Dissolved county → the counties that replaced it; a county → the 2020–2023 county it was part of.</summary>
    public Dictionary<string, string[]> Successors { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Predecessors { get; } = new(StringComparer.Ordinal);

    public static async Task<ImportReferenceData> LoadAsync(ErasmusDbContext db, bool withProjects, CancellationToken cancellationToken)
    {
        var data = new ImportReferenceData();
        var counties = await db.Counties.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var county in counties)
        {
            data.CountyNames[county.Number] = county.Name;
            data.Predecessors[county.Number] = county.PartOf2020CountyNumber;
            if (county.ValidTo is not null)
            {
                data.Successors[county.Number] = [.. counties.Where(s => s.ValidTo is null && s.PartOf2020CountyNumber == county.Number).Select(s => s.Number)];
            }
        }

        foreach (var country in await db.Countries.AsNoTracking().ToListAsync(cancellationToken))
        {
            data._countries[ImportColumn.Normalise(country.Code)] = country.Code;
            data._countries.TryAdd(ImportColumn.Normalise(country.NameNb), country.Code);
            data._countries.TryAdd(ImportColumn.Normalise(country.NameEn), country.Code);
        }

        foreach (var activity in await db.ActivityTypes.AsNoTracking().ToListAsync(cancellationToken))
        {
            data.Activities[activity.Code] = activity;
        }

        foreach (var topic in await db.Topics.AsNoTracking().ToListAsync(cancellationToken))
        {
            data.Topics[ImportColumn.Normalise(topic.Code)] = topic.Code;
            data.Topics.TryAdd(ImportColumn.Normalise(topic.NameNb), topic.Code);
            data.Topics.TryAdd(ImportColumn.Normalise(topic.NameEn), topic.Code);
        }

        var organisations = await db.Organisations.AsNoTracking()
            .Select(o => new OrganisationInfo(o.Id, o.Name, o.CountryCode, o.CountyNumber, o.Oid))
            .ToListAsync(cancellationToken);
        foreach (var organisation in organisations)
        {
            data.Organisations[organisation.Id] = organisation;
            if (organisation.Oid is { } oid)
            {
                data._byOid[oid] = organisation;
            }

            var name = ImportColumn.Normalise(organisation.Name);
            if (!data._byName.TryGetValue((name, organisation.CountryCode), out var same))
            {
                data._byName[(name, organisation.CountryCode)] = same = [];
            }

            same.Add(organisation);
            if (!data._byNameAnyCountry.TryGetValue(name, out var anyCountry))
            {
                data._byNameAnyCountry[name] = anyCountry = [];
            }

            anyCountry.Add(organisation);
        }

        if (withProjects)
        {
            await data.LoadProjectsAsync(db, cancellationToken);
        }

        return data;
    }

    /// <summary>Partners, topics and awarded numbers of every project, for comparing a project row with what is saved.</summary>
    public async Task LoadProjectChildrenAsync(ErasmusDbContext db, CancellationToken cancellationToken)
    {
        foreach (var partner in await db.Set<ProjectPartner>().AsNoTracking().ToListAsync(cancellationToken))
        {
            (PartnersOf.TryGetValue(partner.ProjectId, out var list) ? list : PartnersOf[partner.ProjectId] = []).Add(partner.OrganisationId);
        }

        foreach (var topic in await db.Set<ProjectTopic>().AsNoTracking().ToListAsync(cancellationToken))
        {
            (TopicsOf.TryGetValue(topic.ProjectId, out var list) ? list : TopicsOf[topic.ProjectId] = []).Add(topic.TopicCode);
        }

        foreach (var awarded in await db.Set<AwardedMobility>().AsNoTracking().ToListAsync(cancellationToken))
        {
            (AwardedOf.TryGetValue(awarded.ProjectId, out var map) ? map : AwardedOf[awarded.ProjectId] = new Dictionary<string, int>(StringComparer.Ordinal))[awarded.ActivityTypeCode] = awarded.Participants;
        }
    }

    public OrganisationInfo? FindByOid(string oid) => _byOid.GetValueOrDefault(Erasmus.Domain.Rules.OrganisationId.Normalise(oid));

    public string? CountryCode(string text) => _countries.GetValueOrDefault(ImportColumn.Normalise(text));

    public string CountyName(string? number) => number is null ? "" : CountyNames.GetValueOrDefault(number, number);

    /// <summary>By OID when given; otherwise by registered name in the given country (or, if that finds nothing, in any country when unique).</summary>
    public OrganisationInfo? FindOrganisation(string? oid, string? name, string? countryCode, out string? error)
    {
        error = null;
        if (oid is not null)
        {
            var normalised = Erasmus.Domain.Rules.OrganisationId.Normalise(oid);
            if (Erasmus.Domain.Rules.OrganisationId.Validate(normalised) is { } problem)
            {
                error = problem.Message;
                return null;
            }

            if (_byOid.TryGetValue(normalised, out var found))
            {
                return found;
            }

            error = $"Fant ingen registrert organisasjon med OID {normalised}. Registrer organisasjonen først.";
            return null;
        }

        if (name is null)
        {
            return null;
        }

        var key = ImportColumn.Normalise(name);
        var candidates = countryCode is not null && _byName.TryGetValue((key, countryCode), out var inCountry)
            ? inCountry
            : _byNameAnyCountry.GetValueOrDefault(key) ?? [];
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        error = candidates.Count == 0
            ? $"Fant ingen registrert organisasjon med navnet «{ImportValues.Shorten(name)}»" + (countryCode is null ? "." : $" i {countryCode}.") + " Bruk OID, eller registrer organisasjonen først."
            : $"Flere registrerte organisasjoner heter «{ImportValues.Shorten(name)}». Bruk OID for å si hvilken.";
        return null;
    }

    /// <summary>A county of today's structure stands for itself; a dissolved one for its successors (as CountyScopes).</summary>
    public HashSet<string> ScopeOf(IEnumerable<string?> countyNumbers)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var number in countyNumbers.OfType<string>())
        {
            if (Successors.TryGetValue(number, out var current))
            {
                result.UnionWith(current);
            }
            else
            {
                result.Add(number);
            }
        }

        return result;
    }

    /// <summary>The counties whose Norwegian organisations a coordinator may use in a project of this scope (the mobility form's rule).</summary>
    public HashSet<string> OrganisationCountiesFor(IReadOnlySet<string> scope)
    {
        var counties = new HashSet<string>(scope, StringComparer.Ordinal);
        foreach (var county in scope)
        {
            if (Predecessors.TryGetValue(county, out var predecessor))
            {
                counties.Add(predecessor);
            }
        }

        return counties;
    }

    public string ScopeText(IReadOnlySet<string> scope) =>
        scope.Count == 0 ? "ingen fylker" : string.Join(", ", scope.Order(StringComparer.Ordinal).Select(CountyName));

    private async Task LoadProjectsAsync(ErasmusDbContext db, CancellationToken cancellationToken)
    {
        var projects = await db.Projects.AsNoTracking().ToListAsync(cancellationToken);
        var owners = await db.Projects.AsNoTracking()
            .Select(p => new
            {
                p.Id,
                p.Coordinator!.CountryCode,
                p.Coordinator.CountyNumber,
                Partners = p.Partners.Where(pp => pp.Organisation!.CountryCode == Organisation.Norway).Select(pp => pp.Organisation!.CountyNumber).ToList(),
            })
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        foreach (var project in projects)
        {
            var owner = owners[project.Id];
            var scope = owner.CountryCode == Organisation.Norway ? ScopeOf([owner.CountyNumber]) : ScopeOf(owner.Partners);
            Projects[project.Reference] = new ProjectInfo(project, scope);
        }
    }
}
