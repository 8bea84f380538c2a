using Erasmus.Domain.Entities;

namespace Erasmus.DemoData;

internal sealed partial class DemoBuilder
{
    /// <summary>
    /// The county authorities' accreditations by call (a call's accreditations are decided in February
    /// of the next year). By 30 September 2021 only the 2020 call was decided: Viken, Vestland,
    /// Rogaland and Agder in two or more sectors, Trøndelag, Vestfold og Telemark, Møre og Romsdal and
    /// Innlandet in one, Nordland and Troms og Finnmark in none (seed 001, chapter 4). Round-2
    /// consortia of Trøndelag and Vestfold og Telemark followed in 2022; the counties of 2024 applied
    /// anew.
    /// </summary>
    private static readonly (int Call, string County, Sector Sector)[] _countyAccreditations =
    [
        (2020, "30", Sector.VET), (2020, "30", Sector.SCH), (2020, "30", Sector.ADU),
        (2020, "46", Sector.VET), (2020, "46", Sector.SCH),
        (2020, "11", Sector.VET), (2020, "11", Sector.ADU),
        (2020, "42", Sector.VET), (2020, "42", Sector.SCH),
        (2020, "50", Sector.VET), (2020, "38", Sector.VET), (2020, "15", Sector.VET), (2020, "34", Sector.VET),
        (2021, "50", Sector.SCH), (2021, "38", Sector.SCH), (2021, "18", Sector.VET), (2021, "54", Sector.VET),
        (2022, "15", Sector.ADU), (2022, "34", Sector.SCH), (2022, "11", Sector.SCH),
        (2023, "31", Sector.VET), (2023, "32", Sector.VET), (2023, "32", Sector.SCH), (2023, "33", Sector.VET), (2023, "39", Sector.VET),
        (2023, "39", Sector.SCH), (2023, "40", Sector.VET), (2023, "55", Sector.VET),
        (2024, "31", Sector.SCH), (2024, "32", Sector.ADU), (2024, "56", Sector.VET), (2024, "46", Sector.ADU),
        (2025, "40", Sector.SCH), (2025, "55", Sector.SCH), (2025, "33", Sector.SCH),
    ];

    /// <summary>Other holders per call at scale 1: VET, SCH, ADU.</summary>
    private static readonly Dictionary<int, (int Vet, int Sch, int Adu)> _otherAccreditations = new()
    {
        [2020] = (7, 14, 6), [2021] = (5, 9, 4), [2022] = (5, 8, 3), [2023] = (4, 6, 3), [2024] = (3, 5, 2), [2025] = (2, 4, 1),
    };

    private static readonly string[] _vetSchoolsWithOwnAccreditation =
        ["Borgund vidaregåande skule", "Voss vidaregåande skule", "Verdal videregående skole", "Lier videregående skole"];

    private void BuildAccreditations()
    {
        var r = _accreditationRandom;
        foreach (var school in _vetSchoolsWithOwnAccreditation)
        {
            if (VetSchools.TryGetValue(school, out var holder))
            {
                AddAccreditation(2020, holder, Sector.VET, isConsortium: false);
            }
        }

        foreach (var (call, (vet, sch, adu)) in _otherAccreditations.OrderBy(e => e.Key))
        {
            AddOtherAccreditations(call, Sector.VET, vet * _scale, r);
            AddOtherAccreditations(call, Sector.SCH, sch * _scale, r);
            AddOtherAccreditations(call, Sector.ADU, adu * _scale, r);
        }

        foreach (var sector in DomainVocabulary.AccreditationSectors)
        {
            var oslo = AddAccreditation(2020, OsloMunicipality!, sector, isConsortium: true);
            oslo.Members.AddRange(CountyMembers(sector, o => o.CountyNumber == "03", r));
        }

        foreach (var (call, county, sector) in _countyAccreditations)
        {
            var holder = CountyAuthorities[county];
            var accreditation = AddAccreditation(call, holder, sector, isConsortium: true);
            Func<DemoOrganisation, bool> inCounty = holder.AvailableUntil < CountyStructureSplitYear
                ? o => o.County2020 == county
                : o => o.CountyNumber == county;
            accreditation.Members.AddRange(CountyMembers(sector, inCounty, r));
            if (holder.AvailableUntil < CountyStructureSplitYear)
            {
                // The county authority was dissolved on 2024-01-01; its accreditation ended with it.
                accreditation.ValidTo = Date(2023, 12, 31);
                accreditation.LastProjectCallYear = 2022;
            }
        }

        foreach (var a in Accreditations.ToList())
        {
            if (a.DecisionDate > _today)
            {
                Accreditations.Remove(a);
                continue;
            }

            var entity = new Accreditation(a.Code, a.Sector, a.Holder.Id, a.IsConsortium, a.ValidFrom, a.ValidTo, a.Status, a.DecisionDate);
            entity.SetMembers(a.Members.Select(m => m.Id));
            a.Entity = entity;
        }
    }

    private const int CountyStructureSplitYear = 2024;

    private void AddOtherAccreditations(int call, Sector sector, int count, DemoRandom r)
    {
        (DemoKind Kind, double Weight)[] kinds = sector switch
        {
            Sector.VET => [(DemoKind.TrainingOffice, 0.5), (DemoKind.VetSchool, 0.35), (DemoKind.VocationalCollege, 0.1), (DemoKind.TrainingCompany, 0.05)],
            Sector.SCH => [(DemoKind.PrimarySchool, 0.45), (DemoKind.Kindergarten, 0.15), (DemoKind.Municipality, 0.25), (DemoKind.GeneralSchool, 0.15)],
            _ => [(DemoKind.AdultEducation, 0.6), (DemoKind.Municipality, 0.15), (DemoKind.Ngo, 0.15), (DemoKind.PublicBody, 0.1)],
        };
        for (var i = 0; i < count; i++)
        {
            var kind = r.PickWeighted(kinds);
            var holders = Accreditations.Where(a => a.Sector == sector).Select(a => a.Holder).ToHashSet();
            var candidates = NorwegianOf([kind])
                .Where(o => o != OsloMunicipality && o.IsAvailable(call + 1) && (call > 2020 || o.ExperienceYear is not null) && !holders.Contains(o))
                .ToList();
            if (candidates.Count == 0)
            {
                continue;
            }

            var holder = r.PickWeighted(candidates, o => o.Size * (o.ExperienceYear is null ? 0.5 : 1.5));
            var consortium = kind is DemoKind.Municipality || (kind == DemoKind.TrainingOffice && r.Chance(0.6));
            var accreditation = AddAccreditation(call, holder, sector, consortium);
            if (consortium)
            {
                accreditation.Members.AddRange(LocalMembers(holder, sector, r));
            }

            if (call is >= 2021 and <= 2023 && r.Chance(0.06))
            {
                // A few are withdrawn or suspended later; their KA121 projects stop.
                var withdrawn = r.Chance(0.65);
                accreditation.Status = withdrawn ? AccreditationStatus.Withdrawn : AccreditationStatus.Suspended;
                accreditation.LastProjectCallYear = call + 2;
                if (withdrawn)
                {
                    accreditation.ValidTo = r.DateBetween(Date(call + 3, 9, 1), Date(call + 3, 12, 31));
                }
            }
        }
    }

    private DemoAccreditation AddAccreditation(int call, DemoOrganisation holder, Sector sector, bool isConsortium)
    {
        var r = _accreditationRandom;
        var accreditation = new DemoAccreditation(_nextAccreditationId++, call, holder, sector, isConsortium)
        {
            Code = NewAccreditationCode(call, sector),
            DecisionDate = call == 2020 ? r.DateBetween(Date(2021, 2, 8), Date(2021, 2, 26)) : r.DateBetween(Date(call + 1, 2, 5), Date(call + 1, 2, 25)),
            ValidFrom = Date(call + 1, 3, 1),
            ValidTo = Date(DomainVocabulary.LastCallYear, 12, 31),
        };
        Accreditations.Add(accreditation);
        return accreditation;
    }

    /// <summary>A county authority's (or Oslo's) consortium: its schools, or its adult-education providers.</summary>
    private List<DemoOrganisation> CountyMembers(Sector sector, Func<DemoOrganisation, bool> inCounty, DemoRandom r)
    {
        var ownHolders = Accreditations.Where(a => a.Sector == sector && a.Holder.Kind != DemoKind.CountyAuthority).Select(a => a.Holder).ToHashSet();
        var local = Norwegian.Where(o => inCounty(o) && !ownHolders.Contains(o)).ToList();
        List<DemoOrganisation> members = sector switch
        {
            Sector.VET => [.. local.Where(o => o.Kind == DemoKind.VetSchool || (o.Kind == DemoKind.GeneralSchool && r.Chance(0.3))),
                .. r.Sample(local.Where(o => o.Kind == DemoKind.TrainingOffice).ToList(), r.Between(1, 2))],
            Sector.SCH => [.. local.Where(o => o.Kind == DemoKind.GeneralSchool || (o.Kind == DemoKind.VetSchool && r.Chance(0.5)))],
            _ => [.. r.Sample(local.Where(o => o.Kind is DemoKind.AdultEducation).ToList(), 5)],
        };
        if (members.Count < 2)
        {
            var kinds = sector == Sector.ADU ? new[] { DemoKind.AdultEducation, DemoKind.Ngo } : [DemoKind.VetSchool, DemoKind.GeneralSchool];
            members.AddRange(r.Sample(local.Where(o => kinds.Contains(o.Kind) && !members.Contains(o)).ToList(), 2 - members.Count));
        }

        return members;
    }

    /// <summary>A municipality's or training office's consortium: local schools and kindergartens, or training companies.</summary>
    private List<DemoOrganisation> LocalMembers(DemoOrganisation holder, Sector sector, DemoRandom r)
    {
        DemoKind[] kinds = sector switch
        {
            Sector.VET => [DemoKind.TrainingCompany, DemoKind.Company],
            Sector.SCH => [DemoKind.PrimarySchool, DemoKind.Kindergarten],
            _ => [DemoKind.AdultEducation, DemoKind.Ngo, DemoKind.PublicBody],
        };
        var sameMunicipality = NorwegianOf(kinds).Where(o => o.Municipality == holder.Municipality && o != holder).ToList();
        var sameCounty = NorwegianOf(kinds).Where(o => o.County2020 == holder.County2020 && o != holder).ToList();
        var members = r.Sample(sameMunicipality, r.Between(2, 6));
        if (members.Count < 2)
        {
            members.AddRange(r.Sample(sameCounty.Where(o => !members.Contains(o)).ToList(), r.Between(2, 4) - members.Count));
        }

        if (members.Count < 2)
        {
            members.AddRange(r.Sample(NorwegianOf(kinds).Where(o => o != holder && !members.Contains(o)).ToList(), 2 - members.Count));
        }

        return members;
    }
}
