using Erasmus.Domain.Entities;

namespace Erasmus.DemoData;

/// <summary>
/// The partnerships, sport partnerships and CoVE projects of the 2021 call decided by 30 September
/// 2021, scripted so that the counting rules of DOMAIN.md give exactly what HK-dir published
/// (seed 001, chapter 4): 28 Norwegian-coordinated partnerships, 17 of them with working life and 10
/// coordinated by newcomers; 16 Norwegian organisations in sport partnerships; one CoVE coordinated
/// from Norway and three with a Norwegian partner. Everything else of the 2021 call that could
/// touch these figures is decided later (round 2) or is a mobility project.
/// </summary>
internal sealed partial class DemoBuilder
{
    private sealed record ScriptedPartnership(ProjectAction Action, Sector Sector, bool Newcomer, bool WorkingLife, DemoKind Coordinator);

    /// <summary>
    /// The 28. Newcomers coordinate no youth or sport partnership (the report says so); working life
    /// is mostly in VET, adult education and higher education.
    /// </summary>
    private static readonly ScriptedPartnership[] _september2021 =
    [
        new(ProjectAction.KA220, Sector.SCH, true, false, DemoKind.PrimarySchool),
        new(ProjectAction.KA220, Sector.SCH, true, true, DemoKind.Municipality),
        new(ProjectAction.KA220, Sector.SCH, false, false, DemoKind.GeneralSchool),
        new(ProjectAction.KA220, Sector.SCH, false, false, DemoKind.Municipality),
        new(ProjectAction.KA220, Sector.SCH, false, true, DemoKind.CountyAuthority),
        new(ProjectAction.KA220, Sector.SCH, false, false, DemoKind.PrimarySchool),
        new(ProjectAction.KA220, Sector.VET, true, true, DemoKind.TrainingCompany),
        new(ProjectAction.KA220, Sector.VET, true, true, DemoKind.TrainingOffice),
        new(ProjectAction.KA220, Sector.VET, false, true, DemoKind.VetSchool),
        new(ProjectAction.KA220, Sector.VET, false, true, DemoKind.TrainingOffice),
        new(ProjectAction.KA220, Sector.VET, false, true, DemoKind.CountyAuthority),
        new(ProjectAction.KA220, Sector.ADU, true, true, DemoKind.AdultEducation),
        new(ProjectAction.KA220, Sector.ADU, true, false, DemoKind.Ngo),
        new(ProjectAction.KA220, Sector.ADU, false, true, DemoKind.AdultEducation),
        new(ProjectAction.KA220, Sector.HED, false, true, DemoKind.HigherEducation),
        new(ProjectAction.KA220, Sector.HED, false, true, DemoKind.HigherEducation),
        new(ProjectAction.KA220, Sector.HED, false, true, DemoKind.HigherEducation),
        new(ProjectAction.KA220, Sector.HED, false, false, DemoKind.HigherEducation),
        new(ProjectAction.KA220, Sector.YOU, false, true, DemoKind.Ngo),
        new(ProjectAction.KA220, Sector.YOU, false, false, DemoKind.Municipality),
        new(ProjectAction.KA210, Sector.SCH, true, true, DemoKind.Kindergarten),
        new(ProjectAction.KA210, Sector.SCH, true, false, DemoKind.PrimarySchool),
        new(ProjectAction.KA210, Sector.ADU, true, true, DemoKind.Ngo),
        new(ProjectAction.KA210, Sector.ADU, true, false, DemoKind.AdultEducation),
        new(ProjectAction.KA210, Sector.YOU, false, false, DemoKind.Ngo),
        new(ProjectAction.SportPartnership, Sector.SPORT, false, true, DemoKind.Sport),
        new(ProjectAction.SportPartnership, Sector.SPORT, false, true, DemoKind.Sport),
        new(ProjectAction.KA210, Sector.SPORT, false, false, DemoKind.Sport),
    ];

    /// <summary>Topics of the 28 as published: sustainability below 25 % (6), inclusion (12) and digital (10) well above.</summary>
    private const int SustainabilityIn2021 = 6;

    private const int InclusionIn2021 = 12;
    private const int DigitalIn2021 = 10;

    /// <summary>Foreign-coordinated sport partnerships with a Norwegian partner: 9 cooperation and 4 small-scale ones.</summary>
    private const int SportWithNorwegianPartner2021 = 13;

    private readonly List<DemoProject> _september2021Projects = [];
    private readonly List<DemoOrganisation> _september2021Sport = [];

    private void BuildSeptember2021Partnerships()
    {
        var r = _projectRandom;
        var scripted = new List<DemoProject>();
        foreach (var spec in _september2021)
        {
            DemoOrganisation? coordinator;
            if (spec.Coordinator == DemoKind.CountyAuthority)
            {
                // A county authority in force in 2021 (it participated before: they are all experienced).
                var authorities = CountyAuthorities.Values.Where(c => c.IsAvailable(2021) && c.ExperienceYear is not null
                    && !scripted.Any(p => p.Coordinator == c)).ToList();
                coordinator = authorities.Count == 0 ? null : r.PickWeighted(authorities, c => c.Size);
            }
            else
            {
                coordinator = PickScriptedCoordinator(spec, r, scripted);
            }

            if (coordinator is null)
            {
                throw new InvalidOperationException($"No {(spec.Newcomer ? "newcomer" : "experienced")} {spec.Coordinator} left to coordinate a 2021 {spec.Action}.");
            }

            var p = AddProject(spec.Action, spec.Sector, 2021, 1, coordinator, ProjectStatus.Granted);
            p.WantsWorkingLife = spec.WorkingLife;
            scripted.Add(p);
            if (spec.Sector == Sector.SPORT)
            {
                _september2021Sport.Add(coordinator);
                AddForeignPartners(p, r, spec.Action == ProjectAction.KA210 ? 1 : r.Between(3, 5), [DemoKind.Sport, DemoKind.Ngo, DemoKind.HigherEducation]);
                if (spec.WorkingLife)
                {
                    AddPartner(p, r.Pick(Foreign.Where(o => o.Kind is DemoKind.Company or DemoKind.Chamber).ToList()));
                }

                continue;
            }

            var foreign = spec.Action == ProjectAction.KA220 ? r.Between(2, 4) : r.Between(1, 2);
            AddPartnershipPartners(p, r, foreign, norwegianPartners: r.Chance(0.3) ? 1 : 0);
            if (!spec.WorkingLife)
            {
                // Keep these free of working life, whatever the partner pools held.
                p.Partners.RemoveAll(o => o.IsWorkingLife);
            }
        }

        // Topics exactly as reported.
        foreach (var p in scripted)
        {
            p.Topics.RemoveAll(t => t is "sustainability" or "inclusion" or "digital-transformation");
        }

        void Mark(string topic, int count)
        {
            var order = scripted.ToList();
            r.Shuffle(order);
            foreach (var p in order.Take(count))
            {
                p.Topics.Add(topic);
            }
        }

        Mark("sustainability", SustainabilityIn2021);
        Mark("inclusion", InclusionIn2021);
        Mark("digital-transformation", DigitalIn2021);
        foreach (var p in scripted.Where(p => p.Topics.Count == 0))
        {
            p.Topics.Add(p.Sector == Sector.VET ? "work-based-learning" : "key-competences");
        }

        _september2021Projects.AddRange(scripted);
    }

    private DemoOrganisation? PickScriptedCoordinator(ScriptedPartnership spec, DemoRandom r, List<DemoProject> scripted)
    {
        var pool = Norwegian.Where(o => o.Kind == spec.Coordinator && o.IsAvailable(2021) && o.IsWorkingLife == (spec.Coordinator is DemoKind.TrainingCompany)
                                        && !scripted.Any(p => p.Coordinator == o) && !_september2021Projects.Any(p => p.Coordinator == o)
                                        && !_september2021Sport.Contains(o)
                                        && (spec.Newcomer ? o.IsFreshFor(2021) : o.ExperienceYear is not null)).ToList();
        return pool.Count == 0 ? null : r.PickWeighted(pool, o => o.Size);
    }

    /// <summary>
    /// Sixteen Norwegian organisations in sport partnerships: the three Norwegian coordinators above
    /// and thirteen partners in foreign-coordinated ones (two of the partners also join a
    /// Norwegian-coordinated one, which adds participations but no organisations).
    /// </summary>
    private void BuildSeptember2021Sport()
    {
        var r = _projectRandom;
        var used = new HashSet<DemoOrganisation>(_september2021Sport);
        var candidates = Norwegian.Where(o => o.Kind == DemoKind.Sport && o.IsAvailable(2021) && !used.Contains(o)).ToList();
        r.Shuffle(candidates);
        var partners = new List<DemoOrganisation>();
        // The Norwegian School of Sport Sciences and a municipality take part beside the clubs and federations.
        if (HigherEducation.TryGetValue("NIH", out var nih) && !used.Contains(nih) && !_september2021Sport.Contains(nih))
        {
            partners.Add(nih);
        }

        var municipality = Norwegian.FirstOrDefault(o => o.Kind == DemoKind.Municipality && o != OsloMunicipality && o.IsAvailable(2021) && !used.Contains(o)
                                                        && !_september2021Projects.Any(p => p.Coordinator == o));
        if (municipality is not null)
        {
            partners.Add(municipality);
        }

        partners.AddRange(candidates.Take(SportWithNorwegianPartner2021 - partners.Count));
        if (partners.Count < SportWithNorwegianPartner2021)
        {
            throw new InvalidOperationException("Too few sport organisations for the 2021 sport partnerships.");
        }

        for (var i = 0; i < SportWithNorwegianPartner2021; i++)
        {
            var smallScale = i >= 9;
            var coordinator = ForeignOrganisation(r, r.Chance(0.8) ? DemoKind.Sport : DemoKind.Ngo);
            var p = AddProject(ProjectAction.SportPartnership, Sector.SPORT, 2021, 1, coordinator, ProjectStatus.Granted);
            p.GrantEur = smallScale ? (r.Chance(0.5) ? 60000m : 30000m) : r.PickWeighted<decimal>([(120000m, 0.3), (250000m, 0.4), (400000m, 0.3)]);
            AddForeignPartners(p, r, smallScale ? 1 : r.Between(3, 6), [DemoKind.Sport, DemoKind.Ngo, DemoKind.HigherEducation, DemoKind.Municipality]);
            AddPartner(p, partners[i]);
            _september2021Projects.Add(p);
        }

        // Two of the partners also join the Norwegian-coordinated sport cooperation partnerships.
        var coordinated = _september2021Projects.Where(p => p.Action == ProjectAction.SportPartnership && p.Coordinator.IsNorwegian).ToList();
        for (var i = 0; i < coordinated.Count && i < 2; i++)
        {
            AddPartner(coordinated[i], partners[(i * 5) + 3]);
        }

        _september2021Sport.AddRange(partners);
    }

    /// <summary>One CoVE coordinated from Norway and three with a Norwegian partner, decided in July 2021.</summary>
    private void BuildSeptember2021Centralised()
    {
        var r = _projectRandom;
        var coordinator = PickNorwegian(r, 2021, DemoKind.VocationalCollege) ?? CountyAuthorities["46"];
        var coordinated = AddProject(ProjectAction.CoVE, Sector.VET, 2021, 1, coordinator, ProjectStatus.Granted);
        AddForeignPartners(coordinated, r, r.Between(5, 8), [DemoKind.VetSchool, DemoKind.Company, DemoKind.Chamber, DemoKind.HigherEducation]);
        AddPartner(coordinated, PickNorwegian(r, 2021, DemoKind.TrainingOffice));
        _september2021Projects.Add(coordinated);

        for (var i = 0; i < 3; i++)
        {
            var cove = AddProject(ProjectAction.CoVE, Sector.VET, 2021, 1, ForeignOrganisation(r, r.Chance(0.6) ? DemoKind.VetSchool : DemoKind.HigherEducation),
                ProjectStatus.Granted);
            AddForeignPartners(cove, r, r.Between(4, 7), [DemoKind.VetSchool, DemoKind.Company, DemoKind.Chamber, DemoKind.HigherEducation]);
            AddPartner(cove, PickNorwegian(r, 2021, DemoKind.VetSchool, DemoKind.TrainingOffice, DemoKind.CountyAuthority, DemoKind.VocationalCollege));
            _september2021Projects.Add(cove);
        }
    }
}
