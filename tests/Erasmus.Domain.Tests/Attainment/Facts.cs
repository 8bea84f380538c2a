using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Tests.Attainment;

/// <summary>Readable builders for the calculator's inputs; defaults are a counted fact.</summary>
internal static class Facts
{
    public static readonly DateOnly September2021 = new(2021, 9, 30);

    public static AwardedMobilityFact Awarded(int participants, string activity = "LM-SHORT-VET", Sector sector = Sector.VET, string county = "46",
        int callYear = 2021, ProjectStatus status = ProjectStatus.Granted, bool decided = true, int startYear = 2021, int? decisionYear = null) =>
        new(activity, sector, county, callYear, startYear, status, decided, participants, DecisionYear: decisionYear ?? callYear);

    public static RealisedMobilityFact Realised(int participants, string activity = "LM-SHORT-VET", Sector sector = Sector.VET, string county = "46",
        MobilityStatus status = MobilityStatus.Realised, ParticipantGroup group = ParticipantGroup.Learner,
        MobilityDirection direction = MobilityDirection.Outgoing, bool ended = true, int callYear = 2021, int startYear = 2022, int? endYear = null) =>
        new(activity, sector, county, callYear, startYear, status, group, direction, ended, participants, EndYear: endYear ?? startYear);

    private static int _id;

    public static ProjectFact Project(ProjectAction action = ProjectAction.KA220, Sector sector = Sector.SCH, int callYear = 2021,
        ProjectStatus status = ProjectStatus.Granted, bool decided = true, bool norwegianCoordinator = true, string county = "46",
        int? coordinatorId = null, int? firstParticipation = 2010, int? earliestCallYear = null, bool workingLife = false,
        NorwegianParticipant[]? partners = null, string[]? topics = null, bool greenTravel = false, bool inclusion = false, bool blended = false,
        int? decisionYear = null)
    {
        var id = Interlocked.Increment(ref _id);
        var coordinator = coordinatorId ?? 10_000 + id;
        var participants = new List<NorwegianParticipant>();
        if (norwegianCoordinator)
        {
            participants.Add(new NorwegianParticipant(coordinator, $"Koordinator {coordinator}", county, OrganisationType.UpperSecondarySchool, true));
        }

        participants.AddRange(partners ?? []);
        return new ProjectFact(id, $"P{id}", action, sector, callYear, callYear, status, decided, coordinator, $"Koordinator {coordinator}",
            norwegianCoordinator, norwegianCoordinator ? county : null, firstParticipation, earliestCallYear ?? callYear, workingLife, participants,
            new HashSet<string>(topics ?? [], StringComparer.Ordinal), greenTravel, inclusion, blended, decisionYear ?? callYear);
    }

    public static NorwegianParticipant Partner(int id, string county = "46", OrganisationType type = OrganisationType.SportOrganisation) =>
        new(id, $"Partner {id}", county, type, false);

    public static AccreditationFact Accreditation(int holderId, string county, Sector sector, bool inForce = true,
        OrganisationType type = OrganisationType.CountyAuthority) =>
        new(holderId, $"Fylkeskommune {county}", county, type, sector, inForce);

    /// <summary>The counties of counties.csv: 11 from 2020 (three dissolved at the end of 2023) and 7 from 2024.</summary>
    public static readonly IReadOnlyList<CountyInfo> Counties =
    [
        C("03", "Oslo", false, "03"), C("11", "Rogaland", true, "11"), C("15", "Møre og Romsdal", true, "15"), C("18", "Nordland", true, "18"),
        C("30", "Viken", true, "30", dissolved: true), C("34", "Innlandet", true, "34"), C("38", "Vestfold og Telemark", true, "38", dissolved: true),
        C("42", "Agder", true, "42"), C("46", "Vestland", true, "46"), C("50", "Trøndelag", true, "50"), C("54", "Troms og Finnmark", true, "54", dissolved: true),
        C("31", "Østfold", true, "30", from2024: true), C("32", "Akershus", true, "30", from2024: true), C("33", "Buskerud", true, "30", from2024: true),
        C("39", "Vestfold", true, "38", from2024: true), C("40", "Telemark", true, "38", from2024: true), C("55", "Troms", true, "54", from2024: true),
        C("56", "Finnmark", true, "54", from2024: true),
    ];

    public static AttainmentInputs Inputs(IEnumerable<AwardedMobilityFact>? awarded = null, IEnumerable<RealisedMobilityFact>? realised = null,
        IEnumerable<ProjectFact>? projects = null, IEnumerable<AccreditationFact>? accreditations = null) =>
        new([.. awarded ?? []], [.. realised ?? []], [.. projects ?? []], [.. accreditations ?? []], Counties);

    public static TargetDefinition Target(MetricKind kind, string parameters, decimal value, TargetUnit unit = TargetUnit.Participants, params TargetValuePoint[] revisions) =>
        new("T", TargetArea.Mobility, "Mål", "Target", unit, kind, parameters, 1, [new TargetValuePoint(new DateOnly(2021, 1, 1), value), .. revisions]);

    /// <summary>The sectors of activity-types.csv, as the web layer loads them.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<Sector>> ActivitySectors = new Dictionary<string, IReadOnlyList<Sector>>
    {
        ["LM-GRP-PUPIL"] = [Sector.SCH], ["LM-SHORT-PUPIL"] = [Sector.SCH], ["LM-LONG-PUPIL"] = [Sector.SCH],
        ["LM-SKILL-VET"] = [Sector.VET], ["LM-SHORT-VET"] = [Sector.VET], ["LM-LONG-VET"] = [Sector.VET],
        ["LM-GRP-ADU"] = [Sector.ADU], ["LM-SHORT-ADU"] = [Sector.ADU],
        ["SM-JOB-SHDW"] = [Sector.SCH, Sector.VET, Sector.ADU], ["SM-TTA"] = [Sector.SCH, Sector.VET, Sector.ADU], ["SM-COUR-TRAIN"] = [Sector.SCH, Sector.VET, Sector.ADU],
        ["HE-SMS"] = [Sector.HED], ["HE-SMT"] = [Sector.HED], ["HE-STA"] = [Sector.HED], ["HE-STT"] = [Sector.HED], ["HE-BIP"] = [Sector.HED],
    };

    /// <summary>A target as the web layer loads it: with the sectors it belongs to.</summary>
    public static TargetDefinition WithSectors(TargetDefinition target) => target with { Sectors = TargetSectors.Of(target, ActivitySectors) };

    public static readonly TargetDefinition VetLearners = WithSectors(Target(MetricKind.MobilityParticipants, """{"activityTypes":["LM-SKILL-VET","LM-SHORT-VET","LM-LONG-VET"]}""", 10000));
    public static readonly TargetDefinition SchoolPupils = WithSectors(Target(MetricKind.MobilityParticipants, """{"activityTypes":["LM-GRP-PUPIL","LM-SHORT-PUPIL","LM-LONG-PUPIL"]}""", 7500));
    public static readonly TargetDefinition SchoolStaff = WithSectors(Target(MetricKind.MobilityParticipants, """{"activityTypes":["SM-JOB-SHDW","SM-TTA","SM-COUR-TRAIN"],"sector":"SCH"}""", 3500));
    public static readonly TargetDefinition AdultEducation = WithSectors(Target(MetricKind.MobilityParticipants, """{"activityTypes":["LM-GRP-ADU","LM-SHORT-ADU","SM-JOB-SHDW","SM-TTA","SM-COUR-TRAIN"],"sector":"ADU"}""", 1250));
    public static readonly TargetDefinition HigherEducationStaff = WithSectors(Target(MetricKind.MobilityParticipants, """{"activityTypes":["HE-STA","HE-STT"]}""", 8500));
    public static readonly TargetDefinition CountyAuthorities = WithSectors(Target(MetricKind.CountyAuthoritiesAccredited, """{"minSectors":2,"sectors":["SCH","VET","ADU"]}""", 100, TargetUnit.Percent));
    public static readonly TargetDefinition Partnerships = WithSectors(Target(MetricKind.Partnerships, "{}", 1000, TargetUnit.Partnerships));
    public static readonly TargetDefinition WorkingLife = WithSectors(Target(MetricKind.WorkingLifeShare, "{}", 15, TargetUnit.Percent));
    public static readonly TargetDefinition CentresOfExcellence = WithSectors(Target(MetricKind.CentralisedProjects, """{"action":"CoVE"}""", 5, TargetUnit.Projects));

    private static CountyInfo C(string number, string name, bool authority, string partOf, bool dissolved = false, bool from2024 = false) =>
        new(number, name, from2024 ? new DateOnly(2024, 1, 1) : new DateOnly(2020, 1, 1), dissolved ? new DateOnly(2023, 12, 31) : null, authority, partOf);
}
