using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Features.Shared;

namespace Erasmus.Web.Features.Projects;

/// <summary>The project form. Shape checks here; the domain's rules run when applied to the entity.</summary>
public sealed class ProjectForm : IVersionedForm
{
    [Label("Prosjektnummer")]
    [Required(ErrorMessage = "Prosjektnummeret må fylles ut.")]
    [StringLength(40, ErrorMessage = "Prosjektnummeret kan ha høyst 40 tegn.")]
    public string Reference { get; set; } = "";

    [Label("Tiltak")]
    [Required(ErrorMessage = "Velg et tiltak.")]
    [EnumDataType(typeof(ProjectAction), ErrorMessage = "Velg et tiltak fra listen.")]
    public ProjectAction? Action { get; set; }

    [Label("Sektor")]
    [Required(ErrorMessage = "Velg en sektor.")]
    [EnumDataType(typeof(Sector), ErrorMessage = "Velg en sektor fra listen.")]
    public Sector? Sector { get; set; }

    [Label("Utlysningsår")]
    [Required(ErrorMessage = "Velg et utlysningsår.")]
    [Range(2014, DomainVocabulary.LastCallYear, ErrorMessage = "Utlysningsåret må være mellom 2014 og 2027.")]
    public int? CallYear { get; set; }

    [Label("Søknadsrunde")]
    [Required(ErrorMessage = "Velg en søknadsrunde.")]
    [Range(1, 3, ErrorMessage = "Søknadsrunden må være 1, 2 eller 3.")]
    public int? Round { get; set; }

    [Required(ErrorMessage = "Velg en koordinator.")]
    public int? CoordinatorId { get; set; }

    public List<int> PartnerIds { get; set; } = [];

    /// <summary>What the user is told when the coordinator was also chosen as a partner (the form and the import drop it alike).</summary>
    public const string CoordinatorDroppedWarning = "Koordinatoren stod også blant partnerne og er fjernet fra dem.";

    /// <summary>Removes the coordinator from the partners; true when it was there.</summary>
    public bool DropCoordinatorFromPartners() => CoordinatorId is { } coordinator && PartnerIds.RemoveAll(id => id == coordinator) > 0;

    [Label("Startdato")]
    [Required(ErrorMessage = "Startdato må fylles ut.")]
    public DateOnly? StartDate { get; set; }

    [Label("Sluttdato")]
    [Required(ErrorMessage = "Sluttdato må fylles ut.")]
    public DateOnly? EndDate { get; set; }

    [Label("Vedtaksdato")]
    public DateOnly? DecisionDate { get; set; }

    [Label("Status")]
    [Required(ErrorMessage = "Velg en status.")]
    [EnumDataType(typeof(ProjectStatus), ErrorMessage = "Velg en status fra listen.")]
    public ProjectStatus? Status { get; set; }

    /// <summary>Text, not decimal: users write both 60000,50 and 60000.50; parsed by <see cref="ParseGrant"/>.</summary>
    [Label("Tilskudd (EUR)")]
    [Required(ErrorMessage = "Tilskuddet må fylles ut (0 hvis ikke innvilget).")]
    [StringLength(20, ErrorMessage = "Tilskuddet er for langt.")]
    public string GrantEur { get; set; } = "0";

    public List<string> TopicCodes { get; set; } = [];

    public bool GreenTravelTopUp { get; set; }

    public bool InclusionSupport { get; set; }

    public bool BlendedMobility { get; set; }

    [Label("Akkreditering (bare KA121)")]
    public int? AccreditationId { get; set; }

    /// <summary>Awarded participants per activity type code, as typed (parsed with bokmål messages, not by model binding).</summary>
    public Dictionary<string, string?> Awarded { get; set; } = [];

    /// <summary>Set by the "Oppdater aktivitetstyper" button: re-render for the chosen sector and coordinator, do not save.</summary>
    public bool Refresh { get; set; }

    /// <summary>The row version the user started from (PostgreSQL xmin).</summary>
    public uint Version { get; set; }

    public static ProjectForm From(Project p) => new()
    {
        Reference = p.Reference,
        Action = p.Action,
        Sector = p.Sector,
        CallYear = p.CallYear,
        Round = p.Round,
        CoordinatorId = p.CoordinatorId,
        PartnerIds = [.. p.Partners.Select(pp => pp.OrganisationId).Order()],
        StartDate = p.StartDate,
        EndDate = p.EndDate,
        DecisionDate = p.DecisionDate,
        Status = p.Status,
        GrantEur = p.GrantEur.ToString("0.##", CultureInfo.InvariantCulture),
        TopicCodes = [.. p.Topics.Select(t => t.TopicCode).Order(StringComparer.Ordinal)],
        GreenTravelTopUp = p.GreenTravelTopUp,
        InclusionSupport = p.InclusionSupport,
        BlendedMobility = p.BlendedMobility,
        AccreditationId = p.AccreditationId,
        Awarded = p.AwardedMobilities.ToDictionary(a => a.ActivityTypeCode, a => (string?)a.Participants.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal),
        Version = p.Version,
    };

    /// <summary>
    /// Fills the action, sector, call year and round the user left empty from the project number
    /// (<see cref="ProjectNumberFacts"/>, as the browser does while the number is typed); never overwrites a choice.
    /// Returns the names of the fields it filled. A field posted with a value the binder could not read is
    /// <paramref name="typed"/>, not empty: it keeps its error rather than being silently replaced.
    /// </summary>
    public IReadOnlyList<string> FillFromReference(IReadOnlySet<string>? typed = null)
    {
        var facts = ProjectNumberFacts.Read(Reference);
        var filled = new List<string>();
        bool Empty(string field) => typed?.Contains(field) != true;
        if (Action is null && Empty(nameof(Action)) && facts.Action is { } action)
        {
            Action = action;
            filled.Add(nameof(Action));
        }

        if (Sector is null && Empty(nameof(Sector)) && facts.Sector is { } sector)
        {
            Sector = sector;
            filled.Add(nameof(Sector));
        }

        if (CallYear is null && Empty(nameof(CallYear)) && facts.CallYear is { } callYear)
        {
            CallYear = callYear;
            filled.Add(nameof(CallYear));
        }

        if (Round is null && Empty(nameof(Round)) && facts.Round is { } round)
        {
            Round = round;
            filled.Add(nameof(Round));
        }

        return filled;
    }

    /// <summary>The grant in euro, accepting a comma or a point as decimal separator and spaces between thousands.</summary>
    public static decimal? ParseGrant(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var cleaned = new string([.. text.Trim().Where(c => !char.IsWhiteSpace(c))]).Replace(',', '.');
        return decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    /// <summary>The awarded numbers that parsed, zero for empty inputs; the rest are reported by the controller.</summary>
    public Dictionary<string, int> AwardedNumbers() =>
        Awarded.Select(a => (a.Key, Value: ParseAwarded(a.Value)))
            .Where(a => a.Value is not null)
            .ToDictionary(a => a.Key, a => a.Value!.Value, StringComparer.Ordinal);

    public static int? ParseAwarded(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 0
        : int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
        : null;

    public ProjectDetails ToDetails() => new(
        Reference, Action!.Value, Sector!.Value, CallYear!.Value, Round!.Value, CoordinatorId!.Value, StartDate!.Value, EndDate!.Value,
        DecisionDate, Status!.Value, ParseGrant(GrantEur) ?? 0m, GreenTravelTopUp, InclusionSupport, BlendedMobility, AccreditationId);

    /// <summary>Sets partners, topics and awarded mobilities after the details (partners exclude the coordinator).</summary>
    public void ApplyCollections(Project project)
    {
        project.SetPartners(PartnerIds);
        project.SetTopics(TopicCodes);
        project.SetAwardedMobilities(AwardedNumbers());
    }

    /// <summary>The saved record (this) against the user's form, in words; names come from the lookups.</summary>
    public IEnumerable<ConflictRow> CompareWith(ProjectForm mine, IReadOnlyDictionary<int, string> organisationNames, IReadOnlyDictionary<string, string> topicNames,
        IReadOnlyDictionary<int, string> accreditationCodes)
    {
        string? Accreditation(int? id) => id is { } i ? accreditationCodes.GetValueOrDefault(i, i.ToString(CultureInfo.InvariantCulture)) : null;
        string? Organisation(int? id) => id is { } i ? organisationNames.GetValueOrDefault(i, i.ToString(CultureInfo.InvariantCulture)) : null;
        string Organisations(IEnumerable<int> ids) => string.Join(", ", ids.Select(i => Organisation(i)).Order(StringComparer.CurrentCulture));
        string Topics(IEnumerable<string> codes) => string.Join(", ", codes.Select(c => topicNames.GetValueOrDefault(c, c)).Order(StringComparer.CurrentCulture));
        static string Awarded(Dictionary<string, int> numbers) =>
            string.Join(", ", numbers.Where(n => n.Value != 0).OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => $"{n.Key}: {n.Value}"));
        static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        static string? Number(int? n) => n?.ToString(CultureInfo.InvariantCulture);

        return
        [
            new("Prosjektnummer", Reference, mine.Reference.Trim().ToUpperInvariant()),
            new("Tiltak", Action is { } a ? DomainText.Of(a) : null, mine.Action is { } ma ? DomainText.Of(ma) : null),
            new("Sektor", Sector is { } s ? DomainText.Of(s) : null, mine.Sector is { } ms ? DomainText.Of(ms) : null),
            new("Utlysningsår", Number(CallYear), Number(mine.CallYear)),
            new("Søknadsrunde", Number(Round), Number(mine.Round)),
            new("Koordinator", Organisation(CoordinatorId), Organisation(mine.CoordinatorId)),
            new("Partnere", Organisations(PartnerIds), Organisations(mine.PartnerIds.Where(id => id != mine.CoordinatorId).Distinct())),
            new("Startdato", Date(StartDate), Date(mine.StartDate)),
            new("Sluttdato", Date(EndDate), Date(mine.EndDate)),
            new("Vedtaksdato", Date(DecisionDate), Date(mine.DecisionDate)),
            new("Status", Status is { } st ? DomainText.Of(st) : null, mine.Status is { } mst ? DomainText.Of(mst) : null),
            new("Tilskudd (EUR)", ParseGrant(GrantEur)?.ToString("0.##", CultureInfo.InvariantCulture), ParseGrant(mine.GrantEur)?.ToString("0.##", CultureInfo.InvariantCulture)),
            new("Tema", Topics(TopicCodes), Topics(mine.TopicCodes.Distinct(StringComparer.Ordinal))),
            new("Grønn reise-tillegg", DomainText.YesNo(GreenTravelTopUp), DomainText.YesNo(mine.GreenTravelTopUp)),
            new("Inkluderingsstøtte", DomainText.YesNo(InclusionSupport), DomainText.YesNo(mine.InclusionSupport)),
            new("Blandet mobilitet", DomainText.YesNo(BlendedMobility), DomainText.YesNo(mine.BlendedMobility)),
            new("Akkreditering", Accreditation(AccreditationId), Accreditation(mine.AccreditationId)),
            new("Tildelte mobiliteter", Awarded(AwardedNumbers()), Awarded(mine.AwardedNumbers())),
        ];
    }
}

/// <summary>
/// The project form's page: the posted form (<see cref="ProjectForm"/>, only what the browser sends) and its
/// choices. The views bind to Form.X unprefixed, so the posted names stay the form's own.
/// </summary>
public sealed record ProjectPage(ProjectForm Form, ProjectOptions Choices);

/// <summary>What the form's selects, checkboxes and activity inputs offer; computed for the form and the user, never posted.</summary>
public sealed class ProjectOptions
{
    /// <summary>Organisations grouped by country (Norway first), for the coordinator and partner pickers.</summary>
    public IReadOnlyList<OrganisationOptionGroup> Coordinators { get; init; } = [];

    public IReadOnlyList<OrganisationOptionGroup> Partners { get; init; } = [];

    public IReadOnlyList<FieldOption> Topics { get; init; } = [];

    /// <summary>The chosen coordinator's accreditations (empty until a coordinator is chosen).</summary>
    public IReadOnlyList<FieldOption> Accreditations { get; init; } = [];

    /// <summary>Activity types with an input: those valid for the sector and call year, and any other holding a number.</summary>
    public IReadOnlyList<ActivityChoice> Activities { get; init; } = [];

    /// <summary>True when no sector or call year is chosen, so no activity input can be offered yet.</summary>
    public bool NeedsSectorAndYear { get; init; }
}

public sealed record ActivityChoice(string Code, string Name, bool IsValid);
