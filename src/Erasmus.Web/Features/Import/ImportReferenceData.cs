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

public sealed record OrganisationInfo(int Id, string Name, string CountryCode, string? CountyNumber, string? Oid, string? OrganisationNumber = null);

/// <summary>
/// Everything a row is checked against, loaded once per file: projects with the counties they belong to
/// (as CountyScopes works them out), activity types with their duration rules, countries,
/// organisations by OID and by name. Rows are then checked in memory by the domain's own rules.
/// </summary>
public sealed class ImportReferenceData
{
    private readonly ImportVocabulary<string> _countries = new();
    private readonly ImportVocabulary<string> _counties = new();
    private readonly ImportVocabulary<string> _topics = new();
    private readonly ImportVocabulary<string> _activities = new();
    private readonly Dictionary<string, OrganisationInfo> _byOid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrganisationInfo> _byNumber = new(StringComparer.Ordinal);
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
            data._counties.Add(county.Number, $"{county.Number} {county.Name}" + (county.ValidTo is null ? "" : " (til 2023)"), county.Number, county.Name);
            if (county.ValidTo is not null)
            {
                data.Successors[county.Number] = [.. counties.Where(s => s.ValidTo is null && s.PartOf2020CountyNumber == county.Number).Select(s => s.Number)];
            }
        }

        foreach (var country in await db.Countries.AsNoTracking().OrderBy(c => c.Code).ToListAsync(cancellationToken))
        {
            data._countries.Add(country.Code, country.Code, country.Code, country.NameNb, country.NameEn);
        }

        data._countries.Also(Organisation.Norway, "Noreg", "Norge");
        foreach (var activity in await db.ActivityTypes.AsNoTracking().OrderBy(a => a.Code).ToListAsync(cancellationToken))
        {
            data.Activities[activity.Code] = activity;
            data._activities.Add(activity.Code, activity.Code, activity.Code, activity.NameNb, activity.NameEn);
        }

        foreach (var topic in await db.Topics.AsNoTracking().OrderBy(t => t.Code).ToListAsync(cancellationToken))
        {
            data.Topics[ImportColumn.Normalise(topic.Code)] = topic.Code;
            data._topics.Add(topic.Code, $"{topic.Code} ({topic.NameNb})", topic.Code, topic.NameNb, topic.NameEn);
        }

        // Short forms people write for the strategy's topics (DOMAIN.md names them in words).
        data._topics.Also("digital-transformation", "digital", "digitalisation", "digitalization", "digitalisering", "digital omstilling")
            .Also("sustainability", "environment", "climate", "green", "miljø", "klima", "bærekraft", "grønn")
            .Also("inclusion", "diversity", "inkludering", "mangfold")
            .Also("civic-participation", "democracy", "demokrati", "civic engagement", "participation")
            .Also("health-wellbeing", "health", "wellbeing", "well-being", "helse", "trivsel")
            .Also("early-school-leaving", "dropout", "drop-out", "frafall")
            .Also("language-learning", "languages", "språk")
            .Also("work-based-learning", "wbl", "apprenticeships", "lærlingordning");

        var organisations = await db.Organisations.AsNoTracking()
            .Select(o => new OrganisationInfo(o.Id, o.Name, o.CountryCode, o.CountyNumber, o.Oid, o.OrganisationNumber))
            .ToListAsync(cancellationToken);
        foreach (var organisation in organisations)
        {
            data.Organisations[organisation.Id] = organisation;
            if (organisation.Oid is { } oid)
            {
                data._byOid[oid] = organisation;
            }

            if (organisation.OrganisationNumber is { } number)
            {
                data._byNumber[number] = organisation;
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

    public OrganisationInfo? FindByNumber(string number) => _byNumber.GetValueOrDefault(Erasmus.Domain.Rules.OrganisationNumber.Normalise(number));

    /// <summary>An organisation's own key in a file: an OID (E + 8 digits) or a Norwegian organisation number (9 digits).</summary>
    public static bool IsOrganisationKey(string text) =>
        Erasmus.Domain.Rules.OrganisationId.IsValid(Erasmus.Domain.Rules.OrganisationId.Normalise(text)) || LooksLikeOrganisationNumber(text);

    public static bool LooksLikeOrganisationNumber(string text)
    {
        var digits = text.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        return digits.Length == 9 && digits.All(char.IsAsciiDigit);
    }

    public string? CountryCode(string text) => _countries.TryGet(text, out var code) ? code : null;

    public string CountryListing => _countries.Listing;

    public string? CountyOf(string text) => _counties.TryGet(text.Trim().Length == 1 ? "0" + text.Trim() : text, out var number) ? number : null;

    public string CountyListing => _counties.Listing;

    public string? TopicOf(string text) => _topics.TryGet(text, out var code) ? code : null;

    public string TopicListing => _topics.Listing;

    public ActivityType? ActivityOf(string text) =>
        Activities.TryGetValue(text.Trim(), out var exact) ? exact : _activities.TryGet(text, out var code) ? Activities[code] : null;

    public string ActivityListing => _activities.Listing;

    public string CountyName(string? number) => number is null ? "" : CountyNames.GetValueOrDefault(number, number);

    /// <summary>By OID when given; otherwise by registered name in the given country (or, if that finds nothing, in any country when unique).</summary>
    public OrganisationInfo? FindOrganisation(string? oid, string? name, string? countryCode, out string? error)
    {
        error = null;
        if (oid is not null && LooksLikeOrganisationNumber(oid))
        {
            var number = Erasmus.Domain.Rules.OrganisationNumber.Normalise(oid);
            if (Erasmus.Domain.Rules.OrganisationNumber.Validate(number) is { } invalid)
            {
                error = invalid.Message;
                return null;
            }

            if (_byNumber.TryGetValue(number, out var byNumber))
            {
                return byNumber;
            }

            error = $"Fant ingen registrert organisasjon med organisasjonsnummer {number}. Registrer organisasjonen først.";
            return null;
        }

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
