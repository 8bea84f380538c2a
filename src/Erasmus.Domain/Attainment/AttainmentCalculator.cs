using System.Text.Json;
using Erasmus.Domain.Collections;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Attainment;

/// <summary>
/// Computes every national target from aggregated facts by the counting rules of DOMAIN.md. Pure:
/// no database, no clock; the same inputs always give the same figures, so the dashboard, the API,
/// the CSV and the workbook cannot drift apart.
/// </summary>
public static class AttainmentCalculator
{
    /// <summary>Status thresholds: the value as a share of the value expected by now.</summary>
    public const decimal AheadFrom = 1.10m;

    public const decimal OnTrackFrom = 0.90m;
    public const decimal BehindFrom = 0.60m;

    private static readonly DateOnly SplitDate = CountyStructure.SplitDate;

    /// <summary>The last day of the period's first full year: before it (on the basis used) nothing is projected.</summary>
    private static readonly DateOnly FirstYearEnd = DomainVocabulary.PeriodStart.AddYears(1).AddDays(-1);

    public static AttainmentResult Compute(AttainmentInputs inputs, IEnumerable<TargetDefinition> targets, AttainmentParameters parameters) =>
        new(parameters, [.. targets.OrderBy(t => t.SortOrder).Select(t => ComputeTarget(inputs, t, parameters))],
            parameters.Basis == CountingBasis.Realised ? RealisationLag.Months(inputs.Lag) : null);

    public static TargetResult ComputeTarget(AttainmentInputs inputs, TargetDefinition target, AttainmentParameters p) =>
        ComputeTarget(inputs, target, p, [.. Contributions(inputs, target, p)]);

    /// <summary>
    /// A target's figures from its counted items, already listed by <see cref="Contributions"/>: the result
    /// depends on the inputs only through them (and the counties, populations and lag), and on them only
    /// through their sums (<see cref="ContributionSums"/>).
    /// </summary>
    public static TargetResult ComputeTarget(AttainmentInputs inputs, TargetDefinition target, AttainmentParameters p, IReadOnlyList<Contribution> all) =>
        ComputeTarget(inputs, target, p, ContributionSums.Of(all));

    /// <summary>
    /// A target's figures from its counted items summed by county, sector, years and item: every figure is a
    /// sum, so a caller that keeps the sums up to date (adding a changed project's new contributions and
    /// taking its old ones away) gets exactly what the full list gives.
    /// </summary>
    public static TargetResult ComputeTarget(AttainmentInputs inputs, TargetDefinition target, AttainmentParameters p, ContributionSums sums)
    {
        var counties = new CountyMap(inputs.Counties, p);
        bool Keep(string? county, Sector? sector) =>
            (p.County is null || counties.KeyOf(county) == p.County) && (p.Sector is null || sector is null || sector == p.Sector);
        var all = sums.Summed;
        var contributions = all.Where(c => Keep(c.CountyNumber, c.Sector)).ToList();
        var isShare = target.Unit == TargetUnit.Percent;
        var numerator = contributions.Sum(c => c.Numerator);
        var denominator = contributions.Sum(c => c.Denominator);
        var value = isShare ? Share(numerator, denominator) : numerator;
        var targetValue = target.ValueOn(p.AsOf);
        var lag = p.Basis == CountingBasis.Realised ? RealisationLag.Months(inputs.Lag) : 0;
        var expected = ExpectedByNow(targetValue, target.Unit, p.AsOf, lag);

        decimal? percentOfTarget = null;
        AttainmentStatus? status = null;
        PartOfNational? part = null;
        Erasmus.Domain.Population.CountyRate? rate = null;
        decimal? nationalRate = null;
        ProjectionOutcome projection;
        var applicable = TargetSectors.Applies(target, p.Sector);
        if (!applicable)
        {
            projection = ProjectionOutcome.None(ProjectionNote.NotApplicable);
        }
        else if (p.County is not null || TargetSectors.IsPartInSectorView(target, p.Sector))
        {
            // A part of a national figure is never judged against the national target: its share of
            // the national figure, and a status only against an expected share from population figures.
            var (nationalNumerator, nationalDenominator) = (all.Sum(c => c.Numerator), all.Sum(c => c.Denominator));
            var national = isShare ? Share(nationalNumerator, nationalDenominator) : nationalNumerator;
            var population = p.County is null
                ? null
                : inputs.Populations?.FirstOrDefault(x => x.TargetCode == target.Code && x.CountyNumber == p.County)?.Share;
            var expectedShare = CountyShare.Expected(expected, population, target.Unit);
            part = new PartOfNational(national, isShare ? nationalNumerator : null,
                CountyShare.OfNational(value, national, numerator, nationalNumerator, isShare), expectedShare);
            status = expectedShare is { } e ? StatusOf(value, e) : null;
            projection = ProjectionOutcome.None(ProjectionNote.PartOfNational);
            if (p.County is not null && !isShare)
            {
                (rate, nationalRate) = Rates(inputs, target, p, counties, all);
            }
        }
        else
        {
            percentOfTarget = targetValue == 0 ? 0 : Math.Round(value / targetValue * 100, 1);
            status = StatusOf(value, expected, targetValue);
            projection = Projection(value, targetValue, target.Unit, p.AsOf, lag);
        }

        return new TargetResult(
            target,
            targetValue,
            value,
            isShare ? numerator : null,
            isShare ? denominator : null,
            percentOfTarget,
            expected,
            status,
            projection.ProjectedAt2027,
            projection.WillBeMet,
            projection.RequiredYearlyPace,
            Series(contributions, c => c.CallYear, isShare),
            Series(contributions, c => c.StartYear, isShare),
            Breakdown(contributions, c => counties.KeyOf(c.CountyNumber), counties.Label, counties.Note, isShare),
            Breakdown(contributions, c => c.Sector?.ToString(), key => key, _ => null, isShare),
            ChunkedList.Of(sums.Items(Keep).Select(i => new CountedItemTotal(i.Item, i.Numerator, i.Denominator, counties.KeyOf(i.CountyNumber), i.Sector, i.CallYear))))
        {
            Applicable = applicable,
            Part = part,
            Rate = rate,
            NationalRatePer1000 = nationalRate,
            ProjectionNote = projection.Note,
            LagMonths = lag,
            ByDate = isShare || !applicable ? [] : ByDate(contributions, p.AsOf, value),
        };
    }

    /// <summary>
    /// On the awarded basis counts follow a straight line from 0 on 2021-01-01 to the target on
    /// 2027-12-31; the realised basis follows the same line <paramref name="lagMonths"/> later. Counts
    /// are whole numbers; a share is expected at its target from the start.
    /// </summary>
    public static decimal ExpectedByNow(decimal target, TargetUnit unit, DateOnly asOf, int lagMonths = 0)
    {
        if (unit == TargetUnit.Percent)
        {
            return target;
        }

        return Math.Round(target * ElapsedFraction(asOf.AddMonths(-lagMonths)), 0, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Reached at or above the target (when one is given); otherwise by the value as a share of the value
    /// expected by now: ahead from 110 %, on track from 90 %, behind from 60 %, else at risk.
    /// </summary>
    public static AttainmentStatus StatusOf(decimal value, decimal expected, decimal? target = null)
    {
        if (target is > 0 && value >= target)
        {
            return AttainmentStatus.Reached;
        }

        if (expected <= 0)
        {
            return value > 0 ? AttainmentStatus.Ahead : AttainmentStatus.OnTrack;
        }

        var ratio = value / expected;
        return ratio >= AheadFrom ? AttainmentStatus.Ahead
            : ratio >= OnTrackFrom ? AttainmentStatus.OnTrack
            : ratio >= BehindFrom ? AttainmentStatus.Behind
            : AttainmentStatus.AtRisk;
    }

    /// <summary>
    /// The current pace carried to 2027-12-31 (on the realised basis to 2027-12-31 plus the lag), whether
    /// that meets the target, and the yearly pace the rest of the period needs (none once reached). Before
    /// one full year of the period has passed on the basis used, or while a count is below 5, it is too
    /// early to project. A share has no pace: it is projected to stay where it is.
    /// </summary>
    public static ProjectionOutcome Projection(decimal value, decimal target, TargetUnit unit, DateOnly asOf, int lagMonths = 0)
    {
        var shifted = asOf.AddMonths(-lagMonths);
        var tooEarly = shifted < FirstYearEnd;
        if (unit == TargetUnit.Percent)
        {
            return tooEarly ? ProjectionOutcome.None(ProjectionNote.TooEarlyInPeriod) : new ProjectionOutcome(value, value >= target, null, null);
        }

        // The pace needed is rounded up: 1 508.2 a year falls short, 1 509 does not.
        var remainingYears = (decimal)(DomainVocabulary.PeriodEnd.AddMonths(lagMonths).DayNumber - asOf.DayNumber) / 365.25m;
        decimal? pace = value >= target || remainingYears <= 0 ? null : Math.Ceiling((target - value) / remainingYears);
        if (tooEarly)
        {
            return new ProjectionOutcome(null, null, pace, ProjectionNote.TooEarlyInPeriod);
        }

        if (value < 5)
        {
            return new ProjectionOutcome(null, null, pace, ProjectionNote.ValueBelowFive);
        }

        var projected = Math.Round(value / ElapsedFraction(shifted), 0, MidpointRounding.AwayFromZero);
        return new ProjectionOutcome(projected, projected >= target, pace, null);
    }

    /// <summary>The activity types a mobility target counts and the project sector it is restricted to, if any.</summary>
    public static (HashSet<string> ActivityTypes, Sector? Sector) MobilityParameters(TargetDefinition target)
    {
        using var parameters = JsonDocument.Parse(string.IsNullOrWhiteSpace(target.MetricParameters) ? "{}" : target.MetricParameters);
        return (StringSet(parameters.RootElement, "activityTypes"), OptionalSector(parameters.RootElement));
    }

    private static decimal ElapsedFraction(DateOnly asOf)
    {
        var total = DomainVocabulary.PeriodEnd.DayNumber - DomainVocabulary.PeriodStart.DayNumber + 1;
        var elapsed = Math.Clamp(asOf.DayNumber - DomainVocabulary.PeriodStart.DayNumber + 1, 0, total);
        return (decimal)elapsed / total;
    }

    /// <summary>A count as it stood at the end of each year of the period before the as-of date, then on the as-of date.</summary>
    private static List<DatePoint> ByDate(List<Contribution> contributions, DateOnly asOf, decimal value)
    {
        var points = new List<DatePoint>();
        for (var year = DomainVocabulary.PeriodStart.Year; year < asOf.Year && year <= DomainVocabulary.PeriodEnd.Year + 3; year++)
        {
            points.Add(new DatePoint(new DateOnly(year, 12, 31), contributions.Where(c => c.EnteredYear <= year).Sum(c => c.Numerator)));
        }

        points.Add(new DatePoint(asOf, value));
        return points;
    }

    private static decimal Share(decimal numerator, decimal denominator) => denominator == 0 ? 0 : Math.Round(numerator / denominator * 100, 1);

    /// <summary>The counted items of one target, by its metric kind.</summary>
    public static IEnumerable<Contribution> Contributions(AttainmentInputs inputs, TargetDefinition target, AttainmentParameters p)
    {
        using var parameters = JsonDocument.Parse(target.MetricParameters);
        var root = parameters.RootElement;
        return target.MetricKind switch
        {
            MetricKind.MobilityParticipants => MobilityParticipants(inputs, p, StringSet(root, "activityTypes"), OptionalSector(root)),
            MetricKind.CountyAuthoritiesAccredited => CountyAuthorities(inputs, p, root.GetProperty("minSectors").GetInt32(), StringSet(root, "sectors")),
            MetricKind.Partnerships => Partnerships(inputs).Select(f => ProjectContribution(f, 1, 0)),
            MetricKind.NewcomerCoordinators => NewcomerCoordinators(inputs),
            MetricKind.SportOrganisations => SportOrganisations(inputs),
            MetricKind.WorkingLifeShare => NorwegianCoordinated(Partnerships(inputs)).Select(f => ProjectContribution(f, f.HasWorkingLifeOrganisation ? 1 : 0, 1)),
            MetricKind.CentralisedProjects => CentralisedProjects(inputs, Enum.Parse<ProjectAction>(root.GetProperty("action").GetString()!)),
            MetricKind.TopicShare => TopicShare(inputs, root.GetProperty("topic").GetString()!),
            MetricKind.FlagShare => FlagShare(inputs, root.GetProperty("flag").GetString()!),
            _ => throw new InvalidOperationException($"Unknown metric kind '{target.MetricKind}' for target {target.Code}."),
        };
    }

    private static IEnumerable<Contribution> MobilityParticipants(AttainmentInputs inputs, AttainmentParameters p, HashSet<string> activityTypes, Sector? sector)
    {
        bool Counts(string activity, Sector projectSector, int callYear) =>
            activityTypes.Contains(activity) && (sector is null || projectSector == sector) && callYear >= DomainVocabulary.FirstCallYear;

        if (p.Basis == CountingBasis.Awarded)
        {
            return ActivityIndex.Select(inputs.Awarded, activityTypes, f => f.ActivityTypeCode)
                .Where(f => Counts(f.ActivityTypeCode, f.ProjectSector, f.CallYear) && f.ProjectStatus.IsGranted() && f.DecidedByAsOf)
                .Select(f => new Contribution(f.Participants, 0, f.CountyNumber, f.ProjectSector, f.CallYear, f.StartYear,
                    f.ProjectId is { } id ? new CountedItem("project", id, "") : null, f.DecisionYear));
        }

        return ActivityIndex.Select(inputs.Realised, activityTypes, f => f.ActivityTypeCode)
            .Where(f => Counts(f.ActivityTypeCode, f.ProjectSector, f.CallYear) && f.Status == MobilityStatus.Realised && f.EndedByAsOf)
            .Select(f => (Fact: f, Counted: MobilityRules.CountedParticipants(f.Group, f.Direction, f.Participants)))
            .Where(x => x.Counted > 0)
            .Select(x => new Contribution(x.Counted, 0, x.Fact.CountyNumber, x.Fact.ProjectSector, x.Fact.CallYear, x.Fact.StartYear,
                x.Fact.ProjectId is { } id ? new CountedItem("project", id, "") : null, x.Fact.EndYear));
    }

    /// <summary>
    /// County authorities in force on the date (10 before 2024, 14 from 2024) holding, themselves or as
    /// consortium coordinator, accreditations in force in at least <paramref name="minSectors"/> sectors.
    /// </summary>
    private static IEnumerable<Contribution> CountyAuthorities(AttainmentInputs inputs, AttainmentParameters p, int minSectors, HashSet<string> sectors)
    {
        var held = inputs.Accreditations
            .Where(a => a.InForceOnAsOf && a.HolderType == OrganisationType.CountyAuthority && sectors.Contains(a.Sector.ToString()))
            .ToList();
        foreach (var county in inputs.Counties.Where(c => c.IsCountyAuthority && c.IsInForceOn(p.AsOf)).OrderBy(c => c.Number, StringComparer.Ordinal))
        {
            var ofCounty = held.Where(a => a.HolderCounty == county.Number).ToList();
            var sectorCount = ofCounty.Select(a => a.Sector).Distinct().Count();
            var holder = ofCounty.FirstOrDefault();
            yield return new Contribution(sectorCount >= minSectors ? 1 : 0, 1, county.Number, null, null, null,
                new CountedItem(holder is null ? "county" : "organisation", holder?.HolderId ?? 0, holder?.HolderName ?? county.Name));
        }
    }

    /// <summary>Granted partnerships of the period decided by the date with a Norwegian coordinator or partner.</summary>
    private static IEnumerable<ProjectFact> Partnerships(AttainmentInputs inputs) =>
        Counted(inputs.Projects).Where(f => f.Action.IsPartnership() && f.NorwegianParticipants.Count > 0);

    private static IEnumerable<ProjectFact> Counted(IEnumerable<ProjectFact> projects) =>
        projects.Where(f => f.Status.IsGranted() && f.DecidedByAsOf && f.CallYear >= DomainVocabulary.FirstCallYear);

    private static IEnumerable<ProjectFact> NorwegianCoordinated(IEnumerable<ProjectFact> projects) => projects.Where(f => f.CoordinatorIsNorwegian);

    private static IEnumerable<Contribution> NewcomerCoordinators(AttainmentInputs inputs) =>
        NorwegianCoordinated(Partnerships(inputs))
            .Where(f => Newcomers.IsNewcomer(f.CallYear, f.CoordinatorFirstParticipationYear, f.CoordinatorEarliestCallYear is { } y ? [y] : []))
            .GroupBy(f => f.CoordinatorId)
            .Select(g => (First: g.OrderBy(f => f.CallYear).ThenBy(f => f.ProjectId).First(), Entered: g.Min(f => f.DecisionYear)))
            .Select(x => new Contribution(1, 0, x.First.CoordinatorCounty, x.First.Sector, x.First.CallYear, x.First.StartYear,
                new CountedItem("organisation", x.First.CoordinatorId, x.First.CoordinatorName), x.Entered));

    private static IEnumerable<Contribution> SportOrganisations(AttainmentInputs inputs) =>
        Partnerships(inputs)
            .Where(f => f.Sector == Sector.SPORT || f.Action == ProjectAction.SportPartnership)
            .SelectMany(f => f.NorwegianParticipants.Select(o => (Fact: f, Organisation: o)))
            .GroupBy(x => x.Organisation.OrganisationId)
            .Select(g => (First: g.OrderBy(x => x.Fact.CallYear).ThenBy(x => x.Fact.ProjectId).First(), Entered: g.Min(x => x.Fact.DecisionYear)))
            .Select(x => new Contribution(1, 0, x.First.Organisation.CountyNumber, Sector.SPORT, x.First.Fact.CallYear, x.First.Fact.StartYear,
                new CountedItem("organisation", x.First.Organisation.OrganisationId, x.First.Organisation.Name), x.Entered));

    private static IEnumerable<Contribution> CentralisedProjects(AttainmentInputs inputs, ProjectAction action) =>
        Counted(inputs.Projects)
            .Where(f => f.Action == action && f.NorwegianParticipants.Count > 0)
            .Select(f => ProjectContribution(f, 1, 0));

    private static IEnumerable<Contribution> TopicShare(AttainmentInputs inputs, string topic) =>
        NorwegianCoordinated(Partnerships(inputs)).Select(f => ProjectContribution(f, f.Topics.Contains(topic) ? 1 : 0, 1));

    private static IEnumerable<Contribution> FlagShare(AttainmentInputs inputs, string flag)
    {
        Func<ProjectFact, bool> hasFlag = flag switch
        {
            "green-travel" => f => f.GreenTravelTopUp,
            "inclusion-support" => f => f.InclusionSupport,
            "blended" => f => f.BlendedMobility,
            _ => throw new InvalidOperationException($"Unknown flag '{flag}'."),
        };
        return NorwegianCoordinated(Counted(inputs.Projects))
            .Where(f => f.Action.IsNationalAgencyAction())
            .Select(f => ProjectContribution(f, hasFlag(f) ? 1 : 0, 1));
    }

    /// <summary>A project counts in the county it belongs to: its Norwegian coordinator's, else its first Norwegian partner's.</summary>
    private static Contribution ProjectContribution(ProjectFact f, decimal numerator, decimal denominator)
    {
        var county = f.CoordinatorIsNorwegian
            ? f.CoordinatorCounty
            : f.NorwegianParticipants.Select(o => o.CountyNumber).OfType<string>().Order(StringComparer.Ordinal).FirstOrDefault();
        return new Contribution(numerator, denominator, county, f.Sector, f.CallYear, f.StartYear, new CountedItem("project", f.ProjectId, f.Reference), f.DecisionYear);
    }

    private static List<SeriesPoint> Series(List<Contribution> contributions, Func<Contribution, int?> year, bool isShare)
    {
        var byYear = contributions.Where(c => year(c) is not null).GroupBy(c => year(c)!.Value).OrderBy(g => g.Key).ToList();
        var points = new List<SeriesPoint>();
        decimal cumulativeNumerator = 0, cumulativeDenominator = 0;
        foreach (var group in byYear)
        {
            var (n, d) = (group.Sum(c => c.Numerator), group.Sum(c => c.Denominator));
            cumulativeNumerator += n;
            cumulativeDenominator += d;
            points.Add(isShare
                ? new SeriesPoint(group.Key, Share(n, d), Share(cumulativeNumerator, cumulativeDenominator))
                : new SeriesPoint(group.Key, n, cumulativeNumerator));
        }

        return points;
    }

    private static List<BreakdownRow> Breakdown(List<Contribution> contributions, Func<Contribution, string?> key, Func<string, string> label,
        Func<string, string?> note, bool isShare) =>
        [.. contributions.GroupBy(c => key(c) ?? "")
            .Select(g =>
            {
                var (n, d) = (g.Sum(c => c.Numerator), g.Sum(c => c.Denominator));
                return new BreakdownRow(g.Key, g.Key.Length == 0 ? "Uten fylke/sektor" : label(g.Key), isShare ? Share(n, d) : n,
                    isShare ? n : null, isShare ? d : null, g.Key.Length == 0 ? null : note(g.Key));
            })
            .OrderBy(r => r.Key.Length == 0).ThenBy(r => r.Label, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal)];

    private static HashSet<string> StringSet(JsonElement root, string property) =>
        root.TryGetProperty(property, out var array) ? [.. array.EnumerateArray().Select(e => e.GetString()!)] : [];

    private static Sector? OptionalSector(JsonElement root) =>
        root.TryGetProperty("sector", out var sector) ? Enum.Parse<Sector>(sector.GetString()!) : null;

    /// <summary>
    /// Maps a record's county to the structure the report is shown in: before 2024, in the structure of
    /// the as-of date, a county of today counts in the 2020–2023 county it was part of; in today's
    /// structure a dissolved county's own organisations stay under its name, with a note.
    /// </summary>
    /// <summary>
    /// A county's rate per 1 000 of the target's group and its rank among the counties with figures, and
    /// the national rate, by <see cref="Erasmus.Domain.Population.TargetRates.Of(string, IEnumerable{ValueTuple{string, decimal}}, decimal, IEnumerable{PopulationShare})"/>
    /// as every other page: the counties' and the nation's participants both of the sector chosen, if any.
    /// </summary>
    private static (Erasmus.Domain.Population.CountyRate? Rate, decimal? National) Rates(AttainmentInputs inputs, TargetDefinition target,
        AttainmentParameters p, CountyMap counties, IReadOnlyList<Contribution> all)
    {
        var inSector = all.Where(c => p.Sector is null || c.Sector is null || c.Sector == p.Sector).ToList();
        var rates = Erasmus.Domain.Population.TargetRates.Of(target.Code,
            inSector.Select(c => (counties.KeyOf(c.CountyNumber) ?? "", c.Numerator)), inSector.Sum(c => c.Numerator), inputs.Populations ?? []);
        return (rates?.For(p.County!), rates?.NationalRatePer1000);
    }

    internal sealed class CountyMap(IReadOnlyList<CountyInfo> counties, AttainmentParameters p)
    {
        private readonly Dictionary<string, CountyInfo> _byNumber = counties.ToDictionary(c => c.Number, StringComparer.Ordinal);

        /// <summary>Whether counties are shown in the 2020–2023 structure; otherwise every county is its own key.</summary>
        private readonly bool _as2020 = p.Structure == CountyStructureChoice.AsOfDate && p.AsOf < SplitDate;

        // Called once per counted item (21 000 on a target page): in today's structure no lookup is needed.
        public string? KeyOf(string? county) =>
            _as2020 && county is not null && _byNumber.TryGetValue(county, out var info) ? info.PartOf2020County : county;

        public string Label(string key) => _byNumber.TryGetValue(key, out var info) ? info.Name : key;

        public string? Note(string key) =>
            _byNumber.TryGetValue(key, out var info) && info.ValidTo is { } end && (p.Structure == CountyStructureChoice.Today || p.AsOf > end)
                ? $"Oppløst {end.Year + 1}; viser fylkets egne organisasjoner"
                : null;
    }
}

/// <summary>A projection to the end of the period, or why there is none.</summary>
public sealed record ProjectionOutcome(decimal? ProjectedAt2027, bool? WillBeMet, decimal? RequiredYearlyPace, ProjectionNote? Note)
{
    public static ProjectionOutcome None(ProjectionNote note) => new(null, null, null, note);
}
