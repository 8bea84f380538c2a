using System.Globalization;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;

namespace Erasmus.DemoData;

/// <summary>
/// Builds the whole demo data set in memory, every row validated by the domain entities, before
/// anything is written. Split over partial files: organisations, accreditations, projects (with
/// the scripted September 2021 picture), awarded mobilities and mobility records.
/// </summary>
internal sealed partial class DemoBuilder
{
    /// <summary>The call years the demo covers; 2020 holds the previous period's projects that ran into 2021.</summary>
    public const int FirstDemoCallYear = 2020;

    public const int LastDemoCallYear = 2025;

    private readonly DemoReference _reference;
    private readonly int _scale;
    private readonly double _projectRounds;
    private readonly double _participantFactor;
    private readonly DateOnly _today;
    private readonly DateTimeOffset _now;
    private readonly DemoRandom _orgRandom;
    private readonly DemoRandom _accreditationRandom;
    private readonly DemoRandom _projectRandom;
    private readonly DemoRandom _awardRandom;
    private readonly DemoRandom _mobilityRandom;
    private readonly int _seed;

    private readonly Dictionary<int, int> _serials = [];
    private readonly Dictionary<int, int> _accreditationSerials = [];
    private readonly Dictionary<int, int> _grantNumbers = [];
    private int _nextOrganisationId;
    private int _nextAccreditationId;
    private int _nextProjectId;
    private int _nextMobilityId;

    public DemoBuilder(DemoReference reference, int seed, DemoDataSize size, DateTimeOffset now)
    {
        _reference = reference;
        _seed = seed;
        _scale = size.Scale;
        _projectRounds = size.ProjectRounds;
        _participantFactor = size.ParticipantFactor;
        _now = now;
        _today = DateOnly.FromDateTime(now.UtcDateTime);
        var root = new DemoRandom(seed);
        _orgRandom = root.Fork(1);
        _accreditationRandom = root.Fork(2);
        _projectRandom = root.Fork(3);
        _awardRandom = root.Fork(4);
        _mobilityRandom = root.Fork(5);
        _nextOrganisationId = reference.OrganisationIdBase + 1;
        _nextAccreditationId = reference.AccreditationIdBase + 1;
        _nextProjectId = reference.ProjectIdBase + 1;
        _nextMobilityId = reference.MobilityIdBase + 1;
    }

    public List<DemoOrganisation> Organisations { get; } = [];
    public List<DemoAccreditation> Accreditations { get; } = [];
    public List<DemoProject> Projects { get; } = [];
    public List<DemoMobility> Mobilities { get; } = [];

    // Lookups filled once the organisations exist (IndexOrganisations), so the larger scales stay linear.
    private List<DemoOrganisation> Norwegian { get; set; } = [];
    private List<DemoOrganisation> Foreign { get; set; } = [];
    private Dictionary<string, List<DemoOrganisation>> ForeignByCountry { get; set; } = new(StringComparer.Ordinal);
    private Dictionary<DemoKind, List<DemoOrganisation>> NorwegianByKind { get; set; } = [];
    private Dictionary<DemoKind, List<DemoOrganisation>> ForeignByKind { get; set; } = [];
    private readonly HashSet<(int Year, DemoOrganisation Organisation)> _partnershipCoordinators = [];
    private readonly HashSet<DemoOrganisation> _sportParticipants = [];

    /// <summary>Builds everything, in an order where each step only depends on the ones before.</summary>
    public void Build()
    {
        BuildOrganisations();
        IndexOrganisations();
        BuildAccreditations();
        BuildProjects();
        AwardMobilities();
        SettleProjects();
        SettleOrganisations();
        BuildMobilities();
    }

    private void IndexOrganisations()
    {
        Norwegian = Organisations.Where(o => o.IsNorwegian).ToList();
        Foreign = Organisations.Where(o => !o.IsNorwegian).ToList();
        ForeignByCountry = Foreign.GroupBy(o => o.CountryCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        NorwegianByKind = Norwegian.GroupBy(o => o.Kind).ToDictionary(g => g.Key, g => g.ToList());
        ForeignByKind = Foreign.GroupBy(o => o.Kind).ToDictionary(g => g.Key, g => g.ToList());
    }

    /// <summary>Foreign organisations of some kinds, in creation order.</summary>
    private IEnumerable<DemoOrganisation> ForeignOf(DemoKind[] kinds) =>
        kinds.Distinct().SelectMany(k => ForeignByKind.GetValueOrDefault(k) ?? []).OrderBy(o => o.Id);

    /// <summary>Norwegian organisations of some kinds, in creation order.</summary>
    private IEnumerable<DemoOrganisation> NorwegianOf(DemoKind[] kinds) =>
        kinds.Length == 1
            ? NorwegianByKind.GetValueOrDefault(kinds[0]) ?? []
            : kinds.Distinct().SelectMany(k => NorwegianByKind.GetValueOrDefault(k) ?? []).OrderBy(o => o.Id);

    private List<DemoOrganisation> ForeignIn(string country) => ForeignByCountry.TryGetValue(country, out var list) ? list : [];

    /// <summary>Project statuses as of today, grants, and the final validation of every project through the entity.</summary>
    private void SettleProjects()
    {
        foreach (var p in Projects)
        {
            if (p.DecisionDate > _today)
            {
                // Not decided yet as of today (granted or rejected later): an application, with nothing awarded.
                p.Outcome = ProjectStatus.Applied;
                p.DecisionDate = null;
                p.Lines.Clear();
            }

            p.Status = p.Outcome switch
            {
                ProjectStatus.Granted when p.EndDate < _today => _projectRandom.Chance(0.01) ? ProjectStatus.Terminated : ProjectStatus.Completed,
                ProjectStatus.Granted when p.StartDate <= _today => ProjectStatus.Ongoing,
                var outcome => outcome,
            };

            if (!p.IsGranted)
            {
                p.GreenTravel = p.InclusionSupport = p.Blended = false;
                p.GrantEur = 0;
            }
            else if (p.GrantEur == 0)
            {
                p.GrantEur = GrantFor(p);
            }

            var details = new ProjectDetails(
                p.Reference, p.Action, p.Sector, p.CallYear, p.Round, p.Coordinator.Id, p.StartDate, p.EndDate, p.DecisionDate, p.Status,
                p.GrantEur, p.GreenTravel, p.InclusionSupport, p.Blended, p.Accreditation?.Id);
            var entity = new Project(details);
            entity.SetPartners(p.Partners.Select(o => o.Id));
            entity.SetTopics(p.Topics);
            entity.SetAwardedMobilities(p.Lines.GroupBy(l => l.ActivityCode, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(l => l.Participants), StringComparer.Ordinal));
            p.Entity = entity;
        }
    }

    /// <summary>Records the first participation year: before 2021 for experienced organisations, else the first call year they took part in.</summary>
    private void SettleOrganisations()
    {
        foreach (var o in Norwegian)
        {
            var first = o.ExperienceYear ?? o.FirstCallYear;
            var e = o.Entity;
            e.Update(e.Name, e.Type, e.CountryCode, e.OrganisationNumber, e.Oid, e.CountyNumber, e.Municipality, first, OrganisationTies.None);
        }
    }

    /// <summary>The grant: unit costs per participant plus organisational support for mobility projects, lump sums for the others.</summary>
    private decimal GrantFor(DemoProject p)
    {
        var r = _projectRandom;
        if (!p.Action.IsMobilityAction())
        {
            return p.Action switch
            {
                ProjectAction.KA210 => r.Chance(0.5) ? 60000m : 30000m,
                ProjectAction.KA220 => r.PickWeighted<decimal>([(120000m, 0.3), (250000m, 0.45), (400000m, 0.25)]),
                ProjectAction.CoVE => 1000m * r.Between(3200, 4000),
                ProjectAction.TeacherAcademy => 1500000m,
                _ => r.PickWeighted<decimal>([(60000m, 0.3), (250000m, 0.4), (400000m, 0.3)]),
            };
        }

        var participants = p.Lines.Sum(l => l.Participants);
        var grant = p.Lines.Sum(l => DemoVolumes.UnitCost(l.ActivityCode) * l.Participants) + (Math.Min(participants, 100) * 350m) + 5000m;
        return Math.Round(grant * (decimal)r.Between(0.95, 1.05), 0);
    }

    private string NewOrganisationNumber(DemoRandom random)
    {
        while (true)
        {
            var firstEight = (random.Chance(0.8) ? "9" : "8") + random.Digits(7);
            if (OrganisationNumber.TryWithCheckDigit(firstEight, out var number) && _reference.UsedOrganisationNumbers.Add(number))
            {
                return number;
            }
        }
    }

    private string NewOid(DemoRandom random)
    {
        while (true)
        {
            var oid = "E1" + random.Digits(7);
            if (OrganisationId.IsValid(oid) && _reference.UsedOids.Add(oid))
            {
                return oid;
            }
        }
    }

    /// <summary>A national agency project number: 9-digit serials from the 2021 call, 6 before.</summary>
    private string NewReference(int callYear, int round, ProjectAction action, Sector sector)
    {
        var sectorCode = ProjectReference.SectorCodeOf(sector);
        while (true)
        {
            var serial = NextSerial(_serials, callYear, callYear >= 2021 ? 10000 + ((callYear - 2021) * 9000) : 75000);
            var digits = callYear >= 2021 ? 9 : 6;
            var reference = string.Create(
                CultureInfo.InvariantCulture, $"{callYear}-{round}-NO01-{action}-{sectorCode}-{serial.ToString(new string('0', digits), CultureInfo.InvariantCulture)}");
            if (ProjectReference.Validate(reference) is null && _reference.UsedReferences.Add(reference))
            {
                return reference;
            }
        }
    }

    private string NewAccreditationCode(int callYear, Sector sector)
    {
        while (true)
        {
            var serial = NextSerial(_accreditationSerials, callYear, callYear >= 2021 ? 30000 + ((callYear - 2021) * 5000) : 94000);
            var digits = callYear >= 2021 ? 9 : 6;
            var code = string.Create(
                CultureInfo.InvariantCulture, $"{callYear}-1-NO01-KA120-{sector}-{serial.ToString(new string('0', digits), CultureInfo.InvariantCulture)}");
            if (AccreditationCode.Validate(code) is null && _reference.UsedAccreditationCodes.Add(code))
            {
                return code;
            }
        }
    }

    /// <summary>An EU grant agreement number (9 digits, 101…) for a centralised project.</summary>
    private string NewGrantNumber(int callYear)
    {
        while (true)
        {
            var number = NextSerial(_grantNumbers, callYear, 101050000 + ((callYear - 2021) * 35000), 4000);
            var reference = number.ToString(CultureInfo.InvariantCulture);
            if (CentralisedGrantNumber.IsValid(reference) && _reference.UsedReferences.Add(reference))
            {
                return reference;
            }
        }
    }

    private int NextSerial(Dictionary<int, int> counters, int year, int start, int maxStep = 37)
    {
        var next = (counters.TryGetValue(year, out var last) ? last : start) + _projectRandom.Between(1, maxStep);
        counters[year] = next;
        return next;
    }

    private static DateOnly Date(int year, int month, int day) => new(year, month, day);
}
