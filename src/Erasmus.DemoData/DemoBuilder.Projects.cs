using Erasmus.Domain.Entities;

namespace Erasmus.DemoData;

internal sealed partial class DemoBuilder
{
    /// <summary>Short-term mobility projects (KA122) per call year, round and sector at scale 1: granted and rejected.</summary>
    private static readonly Dictionary<(int Year, int Round), (Sector Sector, int Granted, int Rejected)[]> _ka122 = new()
    {
        [(2020, 1)] = [(Sector.VET, 8, 0), (Sector.SCH, 6, 0), (Sector.ADU, 3, 0)],
        [(2021, 1)] = [(Sector.SCH, 14, 3), (Sector.VET, 6, 2), (Sector.ADU, 5, 1)],
        [(2021, 2)] = [(Sector.SCH, 28, 6), (Sector.VET, 12, 3), (Sector.ADU, 8, 2)],
        [(2022, 1)] = [(Sector.SCH, 58, 14), (Sector.VET, 24, 6), (Sector.ADU, 18, 5)],
        [(2022, 2)] = [(Sector.SCH, 38, 16), (Sector.VET, 15, 6), (Sector.ADU, 13, 5)],
        [(2023, 1)] = [(Sector.SCH, 60, 15), (Sector.VET, 25, 6), (Sector.ADU, 18, 5)],
        [(2023, 2)] = [(Sector.SCH, 40, 17), (Sector.VET, 16, 6), (Sector.ADU, 14, 5)],
        [(2024, 1)] = [(Sector.SCH, 62, 16), (Sector.VET, 26, 7), (Sector.ADU, 19, 5)],
        [(2024, 2)] = [(Sector.SCH, 40, 17), (Sector.VET, 16, 6), (Sector.ADU, 14, 5)],
        [(2025, 1)] = [(Sector.SCH, 64, 17), (Sector.VET, 26, 7), (Sector.ADU, 19, 5)],
        [(2025, 2)] = [(Sector.SCH, 42, 17), (Sector.VET, 17, 7), (Sector.ADU, 14, 5)],
    };

    /// <summary>Norwegian-coordinated newcomers planned per call year after the scripted ten of 2021 round 1.</summary>
    private static readonly Dictionary<int, int> _newcomers = new() { [2021] = 4, [2022] = 12, [2023] = 13, [2024] = 14, [2025] = 13 };

    private static readonly (Sector Sector, double Weight)[] _ka220Sectors =
        [(Sector.SCH, 0.28), (Sector.VET, 0.22), (Sector.ADU, 0.14), (Sector.HED, 0.18), (Sector.YOU, 0.18)];

    private static readonly (Sector Sector, double Weight)[] _ka210Sectors =
        [(Sector.SCH, 0.35), (Sector.ADU, 0.25), (Sector.YOU, 0.3), (Sector.VET, 0.1)];

    private static readonly DemoKind[] _workingLifeKinds = [DemoKind.Company, DemoKind.TrainingCompany, DemoKind.SocialPartner, DemoKind.Chamber];

    private void BuildProjects()
    {
        BuildPreviousPeriod();
        // Calls after today's year have no applications yet; this year's undecided ones become applications (SettleProjects).
        for (var year = 2021; year <= Math.Min(LastDemoCallYear, _today.Year); year++)
        {
            // More rounds (benchmarks only) repeat a call year's projects; the scripted 2021 ones stay once.
            for (var round = 0; round < RoundsOf(year); round++)
            {
                BuildKa121(year);
                BuildKa131(year);
                if (year == 2021 && round == 0)
                {
                    for (var copy = 0; copy < _scale; copy++)
                    {
                        BuildSeptember2021Partnerships();
                        BuildSeptember2021Sport();
                        BuildSeptember2021Centralised();
                    }
                }

                BuildKa122(year, 1);
                BuildKa122(year, 2);
                BuildPartnerships(year);
                BuildCentralised(year);
            }
        }
    }

    /// <summary>Whole rounds in every call year; a fraction of a round as one more round in that share of the call years, earliest first.</summary>
    private int RoundsOf(int year)
    {
        var whole = Math.Floor(_projectRounds);
        var share = (year - 2021 + 0.5) / (LastDemoCallYear - 2021 + 1);
        return (int)whole + (share < _projectRounds - whole ? 1 : 0);
    }

    /// <summary>Projects of the 2020 call (the previous programme) that ran into 2021; they never count in the period's targets.</summary>
    private void BuildPreviousPeriod()
    {
        var r = _projectRandom;
        BuildKa122(2020, 1);
        foreach (var hei in HigherEducation.Values.OrderByDescending(h => h.Size).Take(8 * _scale))
        {
            AddMobilityProject(ProjectAction.KA131, Sector.HED, 2020, 1, hei, ProjectStatus.Granted, [hei], hei.Size);
        }

        foreach (var sector in new[] { Sector.SCH, Sector.VET, Sector.ADU, Sector.HED, Sector.SCH })
        {
            for (var i = 0; i < _scale; i++)
            {
                var coordinator = PickCoordinator(sector, 2020, r, newcomer: false, workingLife: null);
                if (coordinator is not null)
                {
                    var p = AddProject(ProjectAction.KA220, sector, 2020, 1, coordinator, ProjectStatus.Granted);
                    AddPartnershipPartners(p, r, foreignCount: r.Between(2, 4), norwegianPartners: r.Chance(0.3) ? 1 : 0);
                }
            }
        }
    }

    private void BuildKa121(int year)
    {
        var r = _projectRandom;
        foreach (var a in Accreditations.Where(a => a.CallYear < year && year <= a.LastProjectCallYear && a.Holder.IsAvailable(year)
                                                    && a.DecisionDate < Date(year, 5, 1)))
        {
            var isCounty = a.Holder.Kind == DemoKind.CountyAuthority || a.Holder == OsloMunicipality;
            if (!isCounty && !r.Chance(0.93))
            {
                continue;
            }

            var senders = a.IsConsortium ? a.Members.Where(m => m.IsAvailable(year)).ToList() : [a.Holder];
            if (senders.Count == 0)
            {
                senders.Add(a.Holder);
            }

            var size = isCounty ? 1.5 + (0.6 * senders.Count) : a.Holder.Size * (a.IsConsortium ? 1.6 : 1.0);
            var p = AddMobilityProject(ProjectAction.KA121, a.Sector, year, 1, a.Holder, ProjectStatus.Granted, senders, size,
                maxEnd: a.Holder.AvailableUntil < CountyStructureSplitYear ? Date(2023, 12, 31) : null);
            p.Accreditation = a;
        }
    }

    private void BuildKa131(int year)
    {
        foreach (var hei in HigherEducation.Values.Where(h => h.IsAvailable(year)))
        {
            if (hei.Size < 0.5 && !_projectRandom.Chance(0.6))
            {
                continue;
            }

            AddMobilityProject(ProjectAction.KA131, Sector.HED, year, 1, hei, ProjectStatus.Granted, [hei], hei.Size);
        }
    }

    private void BuildKa122(int year, int round)
    {
        if (!_ka122.TryGetValue((year, round), out var plan))
        {
            return;
        }

        var r = _projectRandom;
        foreach (var (sector, granted, rejected) in plan)
        {
            // One application per organisation, sector and round; accredited organisations use KA121 instead.
            var key = (year * 100) + (round * 10) + (int)sector;
            var accredited = Accreditations.Where(a => a.Sector == sector && a.CallYear < year && year <= a.LastProjectCallYear).Select(a => a.Holder).ToHashSet();
            var candidates = Norwegian.Where(o => CoordinatesMobility(o, sector) && o.IsAvailable(year) && !o.Ka122Years.Contains(key)
                                                  && (year > 2020 || o.ExperienceYear is not null) && !accredited.Contains(o)).ToList();
            for (var i = 0; i < (granted + rejected) * _scale && candidates.Count > 0; i++)
            {
                var outcome = i < granted * _scale ? ProjectStatus.Granted : ProjectStatus.Rejected;
                var coordinator = r.PickWeighted(candidates, o => o.Size / (1 + o.Ka122Years.Count));
                candidates.Remove(coordinator);
                coordinator.Ka122Years.Add(key);
                AddMobilityProject(ProjectAction.KA122, sector, year, round, coordinator, outcome, [coordinator], 0.35 * coordinator.Size);
            }
        }
    }

    /// <summary>Partnerships of a call, except the scripted ones of 2021 round 1.</summary>
    private void BuildPartnerships(int year)
    {
        var r = _projectRandom;
        var plan = new List<(ProjectAction Action, Sector Sector, int Round, ProjectStatus Outcome)>();
        void Add(ProjectAction action, (Sector Sector, double Weight)[] sectors, int round, int granted, int rejected, int applied)
        {
            for (var i = 0; i < granted * _scale; i++)
            {
                plan.Add((action, r.PickWeighted(sectors), round, ProjectStatus.Granted));
            }

            for (var i = 0; i < rejected * _scale; i++)
            {
                plan.Add((action, r.PickWeighted(sectors), round, ProjectStatus.Rejected));
            }

            for (var i = 0; i < applied * _scale; i++)
            {
                plan.Add((action, r.PickWeighted(sectors), round, ProjectStatus.Applied));
            }
        }

        if (year == 2021)
        {
            // Round 2 of the first call, decided early in 2022: after the September 2021 status.
            Add(ProjectAction.KA220, [(Sector.SCH, 3), (Sector.VET, 2), (Sector.ADU, 2), (Sector.YOU, 1)], 2, 8, 8, 0);
            Add(ProjectAction.KA210, [(Sector.SCH, 3), (Sector.ADU, 2), (Sector.YOU, 3)], 2, 8, 5, 0);
        }
        else
        {
            Add(ProjectAction.KA220, _ka220Sectors, 1, 24, 32, 3);
            Add(ProjectAction.KA210, _ka210Sectors, 1, 12, 8, 0);
            Add(ProjectAction.KA210, _ka210Sectors, 2, 12, 10, 2);
            Add(ProjectAction.KA210, [(Sector.SPORT, 1)], 1, 2, 1, 0);
            Add(ProjectAction.KA220, [(Sector.SPORT, 1)], 1, 1, 1, 0);
        }

        var newcomers = _newcomers.GetValueOrDefault(year) * _scale;
        // Newcomers are planned on granted projects, small-scale partnerships first (the low-threshold entry).
        var granted = plan.Select((item, index) => (item, index)).Where(x => x.item.Outcome == ProjectStatus.Granted)
            .OrderBy(x => x.item.Action == ProjectAction.KA210 ? 0 : 1).ThenBy(x => x.index).Select(x => x.index).ToList();
        var newcomerSlots = granted.Take(newcomers).ToHashSet();
        for (var i = 0; i < plan.Count; i++)
        {
            var (action, sector, round, outcome) = plan[i];
            var wantsWorkingLife = outcome == ProjectStatus.Granted && r.Chance(WorkingLifeShare(sector));
            var coordinator = PickCoordinator(sector, year, r, newcomer: newcomerSlots.Contains(i), workingLife: wantsWorkingLife ? null : false)
                              ?? PickCoordinator(sector, year, r, newcomer: null, workingLife: wantsWorkingLife ? null : false);
            if (coordinator is null)
            {
                continue;
            }

            var p = AddProject(action, sector, year, round, coordinator, outcome);
            p.WantsWorkingLife = wantsWorkingLife;
            var foreign = action == ProjectAction.KA220 ? r.Between(2, 5) : r.Between(1, 2);
            AddPartnershipPartners(p, r, foreign, norwegianPartners: sector == Sector.SPORT ? 0 : r.Chance(0.35) ? r.Between(1, 2) : 0);
        }
    }

    private static double WorkingLifeShare(Sector sector) => sector switch
    {
        Sector.VET => 0.9,
        Sector.ADU => 0.55,
        Sector.HED => 0.6,
        Sector.SPORT => 0.4,
        _ => 0.35,
    };

    /// <summary>CoVE, Teacher Academies and sport partnerships after the scripted 2021 ones.</summary>
    private void BuildCentralised(int year)
    {
        var r = _projectRandom;
        for (var copy = 0; copy < _scale; copy++)
        {
            if (year == 2021)
            {
                // Three Teacher Academy applications with Norwegian partners were pending in September 2021; one was granted.
                for (var i = 0; i < 3; i++)
                {
                    var ta = AddCentralised(ProjectAction.TeacherAcademy, Sector.SCH, year, i == 0 ? ProjectStatus.Granted : ProjectStatus.Rejected,
                        ForeignOrganisation(r, DemoKind.HigherEducation));
                    AddForeignPartners(ta, r, r.Between(3, 6), [DemoKind.HigherEducation, DemoKind.PrimarySchool, DemoKind.GeneralSchool]);
                    AddPartner(ta, PickNorwegian(r, year, DemoKind.HigherEducation));
                }

                continue;
            }

            var coveCoordinatedHere = year == 2023;
            var cove = AddCentralised(ProjectAction.CoVE, Sector.VET, year, ProjectStatus.Granted,
                (coveCoordinatedHere ? PickNorwegian(r, year, DemoKind.VocationalCollege, DemoKind.CountyAuthority) : null)
                ?? ForeignOrganisation(r, DemoKind.VetSchool));
            AddForeignPartners(cove, r, r.Between(4, 8), [DemoKind.VetSchool, DemoKind.Company, DemoKind.Chamber, DemoKind.HigherEducation]);
            AddPartner(cove, PickNorwegian(r, year, DemoKind.VetSchool, DemoKind.TrainingOffice, DemoKind.VocationalCollege));

            var teacherAcademies = year is 2022 or 2024 ? 2 : 1;
            for (var i = 0; i < teacherAcademies; i++)
            {
                var coordinatedHere = year == 2023;
                var ta = AddCentralised(ProjectAction.TeacherAcademy, Sector.SCH, year, i == 0 ? ProjectStatus.Granted : ProjectStatus.Rejected,
                    (coordinatedHere ? PickNorwegian(r, year, DemoKind.HigherEducation) : null) ?? ForeignOrganisation(r, DemoKind.HigherEducation));
                AddForeignPartners(ta, r, r.Between(3, 6), [DemoKind.HigherEducation, DemoKind.PrimarySchool, DemoKind.GeneralSchool]);
                if (!coordinatedHere)
                {
                    AddPartner(ta, PickNorwegian(r, year, DemoKind.HigherEducation));
                }
            }

            // Sport cooperation partnerships: two coordinated from Norway (one rejected application), six with Norwegian partners.
            for (var i = 0; i < 3; i++)
            {
                var coordinator = PickSportOrganisation(r, year, preferNew: false, experienced: true);
                if (coordinator is null)
                {
                    break;
                }

                var sp = AddCentralised(ProjectAction.SportPartnership, Sector.SPORT, year, i < 2 ? ProjectStatus.Granted : ProjectStatus.Rejected, coordinator);
                AddForeignPartners(sp, r, r.Between(2, 5), [DemoKind.Sport, DemoKind.Ngo, DemoKind.HigherEducation, DemoKind.Municipality]);
            }

            for (var i = 0; i < 6; i++)
            {
                var sp = AddCentralised(ProjectAction.SportPartnership, Sector.SPORT, year, ProjectStatus.Granted, ForeignOrganisation(r, DemoKind.Sport));
                AddForeignPartners(sp, r, r.Between(1, 4), [DemoKind.Sport, DemoKind.Ngo, DemoKind.HigherEducation]);
                for (var n = r.Chance(0.25) ? 2 : 1; n > 0; n--)
                {
                    if (PickSportOrganisation(r, year, preferNew: true, experienced: false) is { } partner)
                    {
                        AddPartner(sp, partner);
                    }
                }
            }
        }
    }

    private DemoProject AddMobilityProject(
        ProjectAction action, Sector sector, int year, int round, DemoOrganisation coordinator, ProjectStatus outcome,
        List<DemoOrganisation> senders, double size, DateOnly? maxEnd = null)
    {
        var p = AddProject(action, sector, year, round, coordinator, outcome, maxEnd);
        p.Size = size;
        if (p.IsGranted)
        {
            p.Senders.AddRange(senders);
            foreach (var sender in senders)
            {
                sender.TookPartIn(year);
            }

            AddAwardLines(p);
        }

        return p;
    }

    private DemoProject AddCentralised(ProjectAction action, Sector sector, int year, ProjectStatus outcome, DemoOrganisation coordinator) =>
        AddProject(action, sector, year, 1, coordinator, outcome);

    private DemoProject AddProject(ProjectAction action, Sector sector, int year, int round, DemoOrganisation coordinator, ProjectStatus outcome,
        DateOnly? maxEnd = null)
    {
        var r = _projectRandom;
        var (decision, start, end) = Schedule(action, sector, year, round, r);
        if (maxEnd is { } limit && end > limit)
        {
            end = limit;
        }

        var p = new DemoProject(_nextProjectId++, action, sector, year, round, coordinator)
        {
            Reference = action.IsCentralised() ? NewGrantNumber(year) : NewReference(year, round, action, sector),
            StartDate = start,
            EndDate = end,
            DecisionDate = outcome == ProjectStatus.Applied ? null : decision,
            Outcome = outcome,
        };
        p.MobilityPrefix = p.Reference[^6..];
        if (p.IsGranted)
        {
            var (green, inclusion, blended) = DemoVolumes.FlagShares(year);
            p.GreenTravel = r.Chance(green);
            p.InclusionSupport = r.Chance(inclusion);
            p.Blended = r.Chance(blended);
        }

        AssignTopics(p, r);
        coordinator.TookPartIn(year);
        if (action.IsPartnership())
        {
            _partnershipCoordinators.Add((year, coordinator));
        }

        if (sector == Sector.SPORT)
        {
            _sportParticipants.Add(coordinator);
        }

        Projects.Add(p);
        return p;
    }

    /// <summary>Decision date, start and end of a project of an action, call year and round.</summary>
    private static (DateOnly Decision, DateOnly Start, DateOnly End) Schedule(ProjectAction action, Sector sector, int year, int round, DemoRandom r)
    {
        DateOnly decision;
        DateOnly start;
        int months;
        switch (action)
        {
            case ProjectAction.KA121:
                decision = year == 2021 ? r.DateBetween(Date(2021, 6, 21), Date(2021, 7, 9)) : r.DateBetween(Date(year, 6, 10), Date(year, 7, 5));
                start = Date(year, 6, 1);
                months = year == 2021 ? 24 : r.Chance(0.6) ? 15 : 24;
                break;
            case ProjectAction.KA131:
                decision = r.DateBetween(Date(year, 6, 10), Date(year, 6, 30));
                start = Date(year, 6, 1);
                months = year == 2020 ? 36 : 26;
                break;
            case ProjectAction.KA122:
                if (year == 2020)
                {
                    decision = r.DateBetween(Date(2020, 7, 1), Date(2020, 8, 10));
                    start = Date(2020, r.Chance(0.5) ? 9 : 10, 1);
                    months = r.Chance(0.5) ? 24 : 33;
                }
                else if (round == 1)
                {
                    decision = year == 2021 ? r.DateBetween(Date(2021, 7, 20), Date(2021, 8, 27)) : r.DateBetween(Date(year, 7, 1), Date(year, 8, 15));
                    start = Date(year, r.Pick<int>([9, 9, 10, 11]), 1);
                    months = r.Pick<int>([6, 12, 12, 15, 18]);
                }
                else
                {
                    decision = r.DateBetween(Date(year + 1, 1, 10), Date(year + 1, 1, 31));
                    start = Date(year + 1, r.Pick<int>([2, 3, 3, 4]), 1);
                    months = r.Pick<int>([6, 12, 12, 15, 18]);
                }

                break;
            case ProjectAction.KA210:
            case ProjectAction.KA220:
                if (year == 2020)
                {
                    decision = r.DateBetween(Date(2020, 8, 3), Date(2020, 8, 28));
                    start = Date(2020, 9, 1);
                    months = r.Chance(0.5) ? 24 : 36;
                }
                else if (round == 1)
                {
                    decision = year == 2021 ? r.DateBetween(Date(2021, 8, 16), Date(2021, 9, 10)) : r.DateBetween(Date(year, 7, 15), Date(year, 8, 31));
                    start = Date(year, r.Pick<int>([11, 11, 12]), 1);
                    months = action == ProjectAction.KA220 ? r.Pick<int>([24, 24, 36]) : r.Pick<int>([12, 18, 24]);
                }
                else
                {
                    decision = r.DateBetween(Date(year + 1, 1, 20), Date(year + 1, 2, 25));
                    start = Date(year + 1, r.Pick<int>([3, 4, 5]), 1);
                    months = action == ProjectAction.KA220 ? r.Pick<int>([24, 36]) : r.Pick<int>([12, 18, 24]);
                }

                break;
            case ProjectAction.CoVE:
                decision = r.DateBetween(Date(year, 7, 5), Date(year, 7, 30));
                start = Date(year, r.Pick<int>([9, 10]), 1);
                months = 48;
                break;
            case ProjectAction.TeacherAcademy:
                decision = year == 2021 ? r.DateBetween(Date(2021, 12, 6), Date(2021, 12, 17)) : r.DateBetween(Date(year, 7, 1), Date(year, 7, 25));
                start = year == 2021 ? Date(2022, 6, 1) : Date(year, 11, 1);
                months = 36;
                break;
            default:
                decision = r.DateBetween(Date(year, 8, 2), Date(year, 8, 31));
                start = Date(year + 1, 1, 1);
                months = sector == Sector.SPORT && r.Chance(0.3) ? r.Pick<int>([12, 24]) : r.Pick<int>([24, 36]);
                break;
        }

        return (decision, start, start.AddMonths(months).AddDays(-1));
    }

    private void AssignTopics(DemoProject p, DemoRandom r)
    {
        var topics = _reference.TopicCodes;
        string[] sectorTopics = p.Sector switch
        {
            Sector.SCH => ["teacher-development", "early-school-leaving", "language-learning", "key-competences"],
            Sector.VET => ["work-based-learning", "entrepreneurship", "key-competences"],
            Sector.ADU => ["key-competences", "civic-participation", "language-learning"],
            Sector.HED => ["entrepreneurship", "key-competences"],
            Sector.YOU => ["civic-participation", "health-wellbeing"],
            _ => ["health-wellbeing", "civic-participation"],
        };
        var chosen = new List<string>();
        if (p.Action.IsPartnership() || p.Action.IsCentralised())
        {
            var sustainability = p.CallYear switch { <= 2021 => 0.2, 2022 => 0.26, 2023 => 0.3, 2024 => 0.33, _ => 0.35 };
            if (r.Chance(sustainability))
            {
                chosen.Add("sustainability");
            }

            if (r.Chance(p.Sector == Sector.SPORT ? 0.6 : 0.45))
            {
                chosen.Add("inclusion");
            }

            if (r.Chance(0.38))
            {
                chosen.Add("digital-transformation");
            }

            if (chosen.Count < 2 || r.Chance(0.3))
            {
                chosen.Add(r.Pick(sectorTopics));
            }
        }
        else
        {
            chosen.Add(r.Pick(sectorTopics));
            if (r.Chance(0.5))
            {
                chosen.Add(r.Pick<string>(["inclusion", "digital-transformation", "sustainability", "language-learning"]));
            }
        }

        p.Topics.Clear();
        p.Topics.AddRange(chosen.Distinct(StringComparer.Ordinal).Where(t => topics.Contains(t, StringComparer.Ordinal)));
    }

    private void AddPartner(DemoProject p, DemoOrganisation? partner)
    {
        if (partner is null || partner == p.Coordinator || p.Partners.Contains(partner))
        {
            return;
        }

        p.Partners.Add(partner);
        partner.TookPartIn(p.CallYear);
        if (p.Sector == Sector.SPORT)
        {
            _sportParticipants.Add(partner);
        }
    }

    /// <summary>Partners for a national-agency partnership: foreign ones in at least two countries, maybe Norwegian ones, and working life when wanted.</summary>
    private void AddPartnershipPartners(DemoProject p, DemoRandom r, int foreignCount, int norwegianPartners)
    {
        DemoKind[] kinds = p.Sector switch
        {
            Sector.SCH => [DemoKind.PrimarySchool, DemoKind.GeneralSchool, DemoKind.VetSchool, DemoKind.HigherEducation, DemoKind.Municipality, DemoKind.Ngo],
            Sector.VET => [DemoKind.VetSchool, DemoKind.HigherEducation, DemoKind.AdultEducation, DemoKind.Ngo],
            Sector.ADU => [DemoKind.AdultEducation, DemoKind.Ngo, DemoKind.Municipality, DemoKind.HigherEducation],
            Sector.HED => [DemoKind.HigherEducation],
            Sector.YOU => [DemoKind.Ngo, DemoKind.Municipality, DemoKind.Sport],
            _ => [DemoKind.Sport, DemoKind.Ngo, DemoKind.HigherEducation, DemoKind.Municipality],
        };
        AddForeignPartners(p, r, foreignCount, kinds);
        for (var i = 0; i < norwegianPartners; i++)
        {
            var candidates = NorwegianOf(kinds).Where(o => o.IsAvailable(p.CallYear) && o != p.Coordinator
                                                  && (p.CallYear > 2020 || o.ExperienceYear is not null)).ToList();
            if (candidates.Count > 0)
            {
                AddPartner(p, r.PickWeighted(candidates, o => o.Size));
            }
        }

        if (p.WantsWorkingLife && !p.Coordinator.IsWorkingLife)
        {
            // A company, training company, social partner or chamber; abroad or at home (not in sport, where a Norwegian one would be a sport participant).
            var norwegian = p.Sector != Sector.SPORT && r.Chance(0.4);
            var pool = Organisations.Where(o => _workingLifeKinds.Contains(o.Kind) && o.IsNorwegian == norwegian
                                                && (!norwegian || (o.IsAvailable(p.CallYear) && (p.CallYear > 2020 || o.ExperienceYear is not null)))).ToList();
            for (var n = r.Chance(0.3) ? 2 : 1; n > 0 && pool.Count > 0; n--)
            {
                AddPartner(p, r.Pick(pool));
            }
        }
    }

    /// <summary>Adds foreign partners of the given kinds, spread over at least two countries when more than one.</summary>
    private void AddForeignPartners(DemoProject p, DemoRandom r, int count, DemoKind[] kinds)
    {
        var pool = ForeignOf(kinds).Where(o => p.CallYear <= 2020 || o.CountryCode != "GB" || p.Sector == Sector.HED).ToList();
        var countries = new HashSet<string>(StringComparer.Ordinal) { p.Coordinator.CountryCode };
        for (var i = 0; i < count && pool.Count > 0; i++)
        {
            var fresh = pool.Where(o => !countries.Contains(o.CountryCode)).ToList();
            var partner = r.PickWeighted(fresh.Count > 0 && i < 3 ? fresh : pool, o => o.Size);
            countries.Add(partner.CountryCode);
            AddPartner(p, partner);
            pool.Remove(partner);
        }
    }

    private DemoOrganisation ForeignOrganisation(DemoRandom r, DemoKind kind)
    {
        var pool = ForeignOf([kind]).Where(o => o.CountryCode != "GB").ToList();
        return r.PickWeighted(pool.Count > 0 ? pool : Foreign.ToList(), o => o.Size);
    }

    private DemoOrganisation? PickNorwegian(DemoRandom r, int year, params DemoKind[] kinds)
    {
        var pool = NorwegianOf(kinds).Where(o => o.IsAvailable(year)).ToList();
        return pool.Count == 0 ? null : r.PickWeighted(pool, o => o.Size);
    }

    private DemoOrganisation? PickSportOrganisation(DemoRandom r, int year, bool preferNew, bool experienced)
    {
        // Clubs, federations and regional sport councils mostly; as partners also municipalities, NGOs and schools with sport programmes.
        var kinds = !experienced && r.Chance(0.25)
            ? new[] { DemoKind.Municipality, DemoKind.Ngo, DemoKind.GeneralSchool, DemoKind.VocationalCollege }
            : [DemoKind.Sport];
        var pool = NorwegianOf(kinds).Where(o => o.IsAvailable(year) && (!experienced || !o.IsFreshFor(year))).ToList();
        if (pool.Count == 0)
        {
            return null;
        }

        if (preferNew && r.Chance(0.7))
        {
            var untouched = pool.Where(o => !_sportParticipants.Contains(o)).ToList();
            if (untouched.Count > 0)
            {
                return r.Pick(untouched);
            }
        }

        return r.PickWeighted(pool, o => o.Size);
    }

    /// <summary>
    /// A Norwegian coordinator for a partnership of a sector: a newcomer (no participation before the
    /// call year), an experienced organisation, or either (null); of a working-life type, not of one
    /// (false), or either (null).
    /// </summary>
    private DemoOrganisation? PickCoordinator(Sector sector, int year, DemoRandom r, bool? newcomer, bool? workingLife, DemoKind[]? kinds = null)
    {
        kinds ??= sector switch
        {
            Sector.SCH => [DemoKind.PrimarySchool, DemoKind.GeneralSchool, DemoKind.Kindergarten, DemoKind.Municipality, DemoKind.VetSchool],
            Sector.VET => [DemoKind.VetSchool, DemoKind.TrainingOffice, DemoKind.VocationalCollege, DemoKind.TrainingCompany, DemoKind.Company],
            Sector.ADU => [DemoKind.AdultEducation, DemoKind.Ngo, DemoKind.Municipality, DemoKind.PublicBody],
            Sector.HED => [DemoKind.HigherEducation],
            Sector.YOU => [DemoKind.Ngo, DemoKind.Municipality],
            _ => [DemoKind.Sport],
        };
        var pool = NorwegianOf(kinds).Where(o => o.IsAvailable(year)
                                        && (year > 2020 || o.ExperienceYear is not null)
                                        && (newcomer is null || o.IsFreshFor(year) == newcomer)
                                        && (workingLife is null || o.IsWorkingLife == workingLife)
                                        && (newcomer != true || !_partnershipCoordinators.Contains((year, o))))
            .ToList();
        return pool.Count == 0 ? null : r.PickWeighted(pool, o => o.Size);
    }

    private static bool CoordinatesMobility(DemoOrganisation o, Sector sector) => sector switch
    {
        Sector.SCH => o.Kind is DemoKind.PrimarySchool or DemoKind.Kindergarten or DemoKind.GeneralSchool or DemoKind.Municipality,
        Sector.VET => o.Kind is DemoKind.VetSchool or DemoKind.TrainingOffice or DemoKind.VocationalCollege or DemoKind.TrainingCompany,
        Sector.ADU => o.Kind is DemoKind.AdultEducation or DemoKind.Municipality or DemoKind.Ngo or DemoKind.PublicBody,
        _ => false,
    };
}
