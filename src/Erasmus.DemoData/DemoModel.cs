using Erasmus.Domain.Entities;

namespace Erasmus.DemoData;

/// <summary>A generated organisation: the validated entity plus what the generator needs to know about it.</summary>
internal sealed class DemoOrganisation(int id, DemoKind kind, Organisation entity)
{
    public int Id { get; } = id;
    public DemoKind Kind { get; } = kind;

    /// <summary>Validated by the domain constructor; updated once more at the end with the first participation year.</summary>
    public Organisation Entity { get; } = entity;

    public string Name => Entity.Name;
    public OrganisationType Type => Entity.Type;
    public string CountryCode => Entity.CountryCode;
    public bool IsNorwegian => Entity.IsNorwegian;
    public string? CountyNumber => Entity.CountyNumber;
    public string? Municipality => Entity.Municipality;

    /// <summary>The 2020–2023 county the organisation belonged to (its own county when unchanged).</summary>
    public string? County2020 { get; init; }

    /// <summary>Participated in Erasmus+ before 2021 (recorded first participation year).</summary>
    public int? ExperienceYear { get; init; }

    /// <summary>The first call year the organisation may take part in anything (late joiners).</summary>
    public int AvailableFrom { get; init; } = 2020;

    /// <summary>The last call year the organisation exists for (dissolved county authorities: 2023).</summary>
    public int AvailableUntil { get; init; } = DomainVocabulary.LastCallYear;

    /// <summary>Relative size, for how many mobilities it sends.</summary>
    public double Size { get; init; } = 1;

    /// <summary>Preferred partner countries (the VET schools of vet-schools-2017-18.csv).</summary>
    public string[] PreferredCountries { get; init; } = [];

    /// <summary>The first call year of any project it took part in (coordinator, partner or sending member).</summary>
    public int? FirstCallYear { get; private set; }

    public HashSet<int> Ka122Years { get; } = [];

    public bool IsWorkingLife => Type.IsWorkingLife();

    public void TookPartIn(int callYear)
    {
        if (FirstCallYear is null || callYear < FirstCallYear)
        {
            FirstCallYear = callYear;
        }
    }

    /// <summary>True when it had no participation before <paramref name="callYear"/>: the newcomer rule of DOMAIN.md.</summary>
    public bool IsFreshFor(int callYear) => ExperienceYear is null && (FirstCallYear is null || FirstCallYear >= callYear);

    public bool IsAvailable(int callYear) => callYear >= AvailableFrom && callYear <= AvailableUntil;
}

internal sealed class DemoAccreditation(int id, int callYear, DemoOrganisation holder, Sector sector, bool isConsortium)
{
    public int Id { get; } = id;
    public int CallYear { get; } = callYear;
    public DemoOrganisation Holder { get; } = holder;
    public Sector Sector { get; } = sector;
    public bool IsConsortium { get; } = isConsortium;
    public string Code { get; set; } = "";
    public DateOnly DecisionDate { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public AccreditationStatus Status { get; set; } = AccreditationStatus.Active;

    /// <summary>The last call year the holder may draw KA121 projects on it.</summary>
    public int LastProjectCallYear { get; set; } = DomainVocabulary.LastCallYear;

    public List<DemoOrganisation> Members { get; } = [];
    public Accreditation? Entity { get; set; }
}

/// <summary>One awarded line of a project: activity type and participants, with a weight used to share out a year's total.</summary>
internal sealed class DemoAwardLine(DemoProject project, string activityCode, string category, double weight)
{
    public DemoProject Project { get; } = project;
    public string ActivityCode { get; } = activityCode;

    /// <summary>Which national total the line is drawn from (see <see cref="DemoVolumes"/>), or "other".</summary>
    public string Category { get; } = category;

    public double Weight { get; } = weight;
    public int Participants { get; set; }
}

internal sealed class DemoProject(int id, ProjectAction action, Sector sector, int callYear, int round, DemoOrganisation coordinator)
{
    public int Id { get; } = id;
    public ProjectAction Action { get; } = action;
    public Sector Sector { get; } = sector;
    public int CallYear { get; } = callYear;
    public int Round { get; } = round;
    public DemoOrganisation Coordinator { get; } = coordinator;
    public string Reference { get; set; } = "";

    /// <summary>Six digits that prefix the project's mobility IDs (000123-MOB-00001).</summary>
    public string MobilityPrefix { get; set; } = "";

    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public DateOnly? DecisionDate { get; set; }

    /// <summary>The decision as made: granted, rejected, or none yet (applied).</summary>
    public ProjectStatus Outcome { get; set; } = ProjectStatus.Granted;

    public ProjectStatus Status { get; set; } = ProjectStatus.Granted;
    public decimal GrantEur { get; set; }
    public bool GreenTravel { get; set; }
    public bool InclusionSupport { get; set; }
    public bool Blended { get; set; }
    public DemoAccreditation? Accreditation { get; set; }
    public List<DemoOrganisation> Partners { get; } = [];
    public List<string> Topics { get; } = [];
    public List<DemoAwardLine> Lines { get; } = [];

    /// <summary>Who sends the participants: the coordinator, or the members of its consortium.</summary>
    public List<DemoOrganisation> Senders { get; } = [];

    /// <summary>Relative size, for sharing out a year's mobilities.</summary>
    public double Size { get; set; } = 1;

    /// <summary>Partnerships scripted for the September 2021 figures.</summary>
    public bool WantsWorkingLife { get; set; }

    public Project? Entity { get; set; }

    public bool IsGranted => Outcome == ProjectStatus.Granted;
}

/// <summary>One mobility record, validated through <see cref="Mobility.Register"/>.</summary>
internal sealed record DemoMobility(int Id, DemoProject Project, Mobility Entity);
