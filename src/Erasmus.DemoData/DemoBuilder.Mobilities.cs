using System.Globalization;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;

namespace Erasmus.DemoData;

/// <summary>
/// Mobility records for the granted mobility projects, shaped by the seeds: VET learners mostly
/// abroad for two to four weeks in small cohorts, often with an accompanying teacher (002); pupils
/// in groups; HE staff 80 % on 2–5-day stays, about half of them teaching, the UK a fifth of the
/// destinations before Brexit and a partner country after it (003).
/// </summary>
internal sealed partial class DemoBuilder
{
    private static readonly DateOnly _mobilityRestart2020 = new(2021, 8, 16);
    private static readonly DateOnly _mobilityRestart2021 = new(2021, 10, 1);

    private static readonly (string Country, double Weight)[] _vetCountries =
    [
        ("ES", 16), ("DE", 12), ("DK", 8), ("FI", 7), ("IE", 8), ("MT", 8), ("FR", 6), ("IT", 8), ("NL", 5), ("PL", 4), ("PT", 5), ("AT", 4),
        ("IS", 3), ("SE", 3), ("CZ", 2), ("HU", 2), ("SI", 2), ("HR", 2), ("GR", 3), ("BE", 2),
    ];

    private static readonly (string Country, double Weight)[] _schoolCountries =
    [
        ("ES", 15), ("IT", 12), ("DE", 10), ("FR", 8), ("FI", 8), ("IS", 5), ("DK", 5), ("SE", 5), ("IE", 6), ("MT", 5), ("PL", 5), ("NL", 4),
        ("PT", 4), ("CZ", 3), ("GR", 3), ("EE", 3), ("AT", 2), ("BE", 2), ("HR", 2), ("SI", 1), ("LT", 1), ("LV", 1), ("HU", 1),
    ];

    private static readonly (string Country, double Weight)[] _heStudentCountries =
    [
        ("ES", 12), ("DE", 12), ("NL", 9), ("FR", 8), ("IT", 8), ("DK", 6), ("SE", 5), ("AT", 5), ("CZ", 5), ("IE", 4), ("BE", 4), ("PT", 4),
        ("PL", 3), ("FI", 3), ("HU", 2), ("GR", 2), ("IS", 1), ("GB", 3),
    ];

    private static readonly (string Country, double Weight)[] _heStaffCountries =
    [
        ("DE", 12), ("DK", 10), ("SE", 6), ("FI", 6), ("ES", 8), ("NL", 7), ("FR", 5), ("IT", 6), ("PL", 5), ("CZ", 5), ("AT", 4), ("IE", 4),
        ("BE", 4), ("PT", 3), ("HU", 3), ("EE", 2), ("LT", 2), ("LV", 2), ("IS", 2), ("GB", 4),
    ];

    /// <summary>Green travel is realistic to the neighbours.</summary>
    private static readonly HashSet<string> _nearby = new(StringComparer.Ordinal) { "DK", "SE", "FI", "DE", "NL", "AT", "BE", "PL", "CZ" };

    private void BuildMobilities()
    {
        var r = _mobilityRandom;
        foreach (var p in Projects.Where(p => p.IsGranted && p.Lines.Count > 0 && p.Entity is not null))
        {
            var counter = 0;
            List<(string Country, DemoOrganisation? Host)> pool = p.Sector == Sector.HED ? [] : PartnerPool(p, r);
            foreach (var line in p.Lines.OrderBy(l => l.ActivityCode, StringComparer.Ordinal))
            {
                var activity = _reference.ActivityTypes[line.ActivityCode];
                if (activity.RuleFor(p.CallYear) is not { } rule)
                {
                    continue;
                }

                var total = Math.Max(1, (int)Math.Round(line.Participants * r.Between(0.92, 1.03)));
                switch (line.ActivityCode)
                {
                    case "LM-GRP-PUPIL":
                    case "LM-GRP-ADU":
                        AddGroups(p, activity, rule, total, pool, r, ref counter);
                        break;
                    case "LM-SHORT-VET":
                    case "LM-LONG-VET":
                    case "LM-SKILL-VET":
                    case "LM-SHORT-PUPIL":
                    case "LM-LONG-PUPIL":
                    case "LM-SHORT-ADU":
                        AddCohorts(p, activity, rule, total, pool, r, ref counter);
                        break;
                    case "OA-INV-EXP":
                    case "OA-HOS-TTT":
                        AddIncoming(p, activity, rule, line.Participants, pool, r, ref counter);
                        break;
                    default:
                        AddSingles(p, activity, rule, total, pool, r, ref counter);
                        break;
                }
            }
        }
    }

    /// <summary>The two to five partner countries (and host organisations) a school or training project sends to.</summary>
    private List<(string Country, DemoOrganisation? Host)> PartnerPool(DemoProject p, DemoRandom r)
    {
        var weights = p.Sector == Sector.VET ? _vetCountries : _schoolCountries;
        var countries = new List<string>();
        foreach (var preferred in p.Coordinator.PreferredCountries.Concat(p.Senders.SelectMany(s => s.PreferredCountries)))
        {
            if (!countries.Contains(preferred) && (preferred != "GB" || p.CallYear < DomainVocabulary.FirstCallYear) && _reference.CountryCodes.Contains(preferred))
            {
                countries.Add(preferred);
            }
        }

        if (p.CallYear < DomainVocabulary.FirstCallYear && p.Sector == Sector.VET && !countries.Contains("GB") && r.Chance(0.3))
        {
            countries.Add("GB");
        }

        var wanted = Math.Max(countries.Count, r.Between(2, p.Action == ProjectAction.KA121 ? 6 : 3));
        while (countries.Count < wanted)
        {
            var country = r.PickWeighted(weights);
            if (!countries.Contains(country))
            {
                countries.Add(country);
            }
        }

        DemoKind[] kinds = p.Sector switch
        {
            Sector.VET => [DemoKind.VetSchool, DemoKind.TrainingCompany, DemoKind.Company],
            Sector.SCH => [DemoKind.PrimarySchool, DemoKind.GeneralSchool],
            _ => [DemoKind.AdultEducation, DemoKind.Ngo, DemoKind.VetSchool],
        };
        return countries.Select(c =>
        {
            var hosts = ForeignIn(c).Where(o => kinds.Contains(o.Kind)).ToList();
            return (c, hosts.Count == 0 || r.Chance(0.1) ? null : r.Pick(hosts));
        }).ToList();
    }

    private void AddGroups(DemoProject p, ActivityType activity, ActivityTypeRule rule, int total, List<(string Country, DemoOrganisation? Host)> pool,
        DemoRandom r, ref int counter)
    {
        var pupils = activity.Code == "LM-GRP-PUPIL";
        foreach (var size in Split(total, pupils ? 4 : 3, pupils ? 20 : 10, minimum: 2, r))
        {
            var (country, host) = r.Pick(pool);
            if (PickDates(p, rule, Desired(activity.Code, r), r) is not { } dates)
            {
                continue;
            }

            var (start, end) = dates;

            var sender = PickSender(p, r);
            var status = StatusFor(p, start, end, r);
            AddRecord(p, activity, ref counter, ParticipantGroup.Learner, MobilityDirection.Outgoing, size, sender, host, Organisation.Norway, country,
                start, end, Fewer(p, ParticipantGroup.Learner, r), Green(p, country, r), Blended(p, activity.Code, r), status);
            AddRecord(p, activity, ref counter, ParticipantGroup.AccompanyingPerson, MobilityDirection.Outgoing, size >= 15 ? 3 : 2, sender, host,
                Organisation.Norway, country, start, end, false, Green(p, country, r), false, status);
        }
    }

    /// <summary>Single learners travelling in cohorts with the same dates and host; VET cohorts often with an accompanying teacher for the first days.</summary>
    private void AddCohorts(DemoProject p, ActivityType activity, ActivityTypeRule rule, int total, List<(string Country, DemoOrganisation? Host)> pool,
        DemoRandom r, ref int counter)
    {
        var code = activity.Code;
        var (low, high) = code switch
        {
            "LM-LONG-VET" or "LM-LONG-PUPIL" => (1, 2),
            "LM-SKILL-VET" => (1, 3),
            "LM-SHORT-PUPIL" => (1, 4),
            _ => (2, 6),
        };
        var accompanied = code switch
        {
            "LM-SHORT-VET" => 0.55,
            "LM-SKILL-VET" => 0.8,
            "LM-SHORT-PUPIL" => 0.3,
            _ => 0.0,
        };
        foreach (var size in Split(total, low, high, minimum: 1, r))
        {
            var (country, host) = r.Pick(pool);
            if (code is "LM-SHORT-VET" or "LM-LONG-VET" && r.Chance(0.5))
            {
                // Learners and apprentices are often placed in companies abroad.
                var companies = ForeignIn(country).Where(o => o.Kind is DemoKind.TrainingCompany or DemoKind.Company).ToList();
                host = companies.Count > 0 ? r.Pick(companies) : host;
            }

            if (PickDates(p, rule, Desired(code, r), r) is not { } dates)
            {
                continue;
            }

            var (start, end) = dates;

            var sender = PickSender(p, r);
            var status = StatusFor(p, start, end, r);
            for (var i = 0; i < size; i++)
            {
                var cancelledAlone = status == MobilityStatus.Realised && r.Chance(0.03);
                AddRecord(p, activity, ref counter, ParticipantGroup.Learner, MobilityDirection.Outgoing, 1, sender, host, Organisation.Norway, country,
                    start, end, Fewer(p, ParticipantGroup.Learner, r), Green(p, country, r), Blended(p, code, r),
                    cancelledAlone ? MobilityStatus.Cancelled : status);
            }

            if (accompanied > 0 && r.Chance(accompanied))
            {
                // The teacher stays the first week or two (the activity's minimum still applies).
                var days = Math.Min(MobilityRules.DurationDays(start, end), Math.Max(rule.MinDays, r.Between(7, 14)));
                var back = start.AddDays(days - 1);
                // The teacher may be home again before the learners: a cohort under way can have a realised escort.
                var escort = status == MobilityStatus.Cancelled ? status : back < _today ? MobilityStatus.Realised : MobilityStatus.Planned;
                AddRecord(p, activity, ref counter, ParticipantGroup.AccompanyingPerson, MobilityDirection.Outgoing, 1, sender, host, Organisation.Norway,
                    country, start, back, false, Green(p, country, r), false, escort);
            }
        }
    }

    /// <summary>Staff, students and preparatory visits: one record per person, each with its own dates and host.</summary>
    private void AddSingles(DemoProject p, ActivityType activity, ActivityTypeRule rule, int total, List<(string Country, DemoOrganisation? Host)> pool,
        DemoRandom r, ref int counter)
    {
        var code = activity.Code;
        var group = activity.ParticipantGroup switch
        {
            "learner" => ParticipantGroup.Learner,
            "staff" => ParticipantGroup.Staff,
            _ => ParticipantGroup.Other,
        };
        for (var i = 0; i < total; i++)
        {
            string country;
            DemoOrganisation? host;
            if (p.Sector == Sector.HED)
            {
                country = HigherEducationCountry(p, code, r);
                var kinds = code == "HE-SMT" && r.Chance(0.5) ? new[] { DemoKind.Company, DemoKind.TrainingCompany } : [DemoKind.HigherEducation];
                var hosts = ForeignIn(country).Where(o => kinds.Contains(o.Kind)).ToList();
                host = hosts.Count > 0 ? r.Pick(hosts) : null;
            }
            else
            {
                (country, host) = r.Pick(pool);
            }

            if (PickDates(p, rule, Desired(code, r), r, semester: code == "HE-SMS") is not { } dates)
            {
                continue;
            }

            var (start, end) = dates;

            AddRecord(p, activity, ref counter, group, MobilityDirection.Outgoing, 1, PickSender(p, r), host, Organisation.Norway, country, start, end,
                Fewer(p, group, r), Green(p, country, r), Blended(p, code, r), StatusFor(p, start, end, r));
        }
    }

    /// <summary>Invited experts and teachers in training hosted in Norway: shown, never counted.</summary>
    private void AddIncoming(DemoProject p, ActivityType activity, ActivityTypeRule rule, int total, List<(string Country, DemoOrganisation? Host)> pool,
        DemoRandom r, ref int counter)
    {
        for (var i = 0; i < total; i++)
        {
            var (country, partner) = r.Pick(pool);
            if (PickDates(p, rule, Desired(activity.Code, r), r) is not { } dates)
            {
                continue;
            }

            var (start, end) = dates;

            AddRecord(p, activity, ref counter, ParticipantGroup.Other, MobilityDirection.Incoming, 1, partner, PickSender(p, r), country, Organisation.Norway,
                start, end, false, false, false, StatusFor(p, start, end, r));
        }
    }

    private void AddRecord(DemoProject p, ActivityType activity, ref int counter, ParticipantGroup group, MobilityDirection direction, int participants,
        DemoOrganisation? sender, DemoOrganisation? receiver, string sendingCountry, string receivingCountry, DateOnly start, DateOnly end,
        bool fewer, bool green, bool blended, MobilityStatus status)
    {
        counter++;
        var mobilityId = string.Create(CultureInfo.InvariantCulture, $"{p.MobilityPrefix}-MOB-{counter:D5}");
        var details = new MobilityDetails(mobilityId, group, direction, participants, sender?.Id, receiver?.Id, sendingCountry, receivingCountry,
            start, end, fewer, green, blended, status);
        var entity = Mobility.Register(p.Entity!, activity, details, RegisteredAt(p, start));
        Mobilities.Add(new DemoMobility(_nextMobilityId++, p, entity));
    }

    /// <summary>Registered in the beneficiary tool some weeks before departure, after the grant, and never in the future.</summary>
    private DateTimeOffset RegisteredAt(DemoProject p, DateOnly start)
    {
        var r = _mobilityRandom;
        var date = start.AddDays(-r.Between(7, 60));
        if (p.DecisionDate is { } decided && date <= decided)
        {
            date = decided.AddDays(r.Between(1, 14));
        }

        var registered = new DateTimeOffset(date.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero).AddMinutes(r.Between(0, 9 * 60));
        return registered <= _now ? registered : _now.AddMinutes(-r.Between(60, 60 * 24 * 5));
    }

    private static DemoOrganisation PickSender(DemoProject p, DemoRandom r) =>
        p.Senders.Count == 0 ? p.Coordinator : r.PickWeighted(p.Senders, o => o.Size);

    /// <summary>
    /// Start and end inside the project period and the activity's duration rule. Mobility in the
    /// 2020 and 2021 calls mostly waited for the pandemic to ease (autumn 2021).
    /// </summary>
    private static (DateOnly Start, DateOnly End)? PickDates(DemoProject p, ActivityTypeRule rule, int desiredDays, DemoRandom r, bool semester = false)
    {
        var days = Math.Clamp(desiredDays, rule.MinDays, rule.MaxDays);
        var lastStart = p.EndDate.AddDays(-(days - 1));
        if (lastStart < p.StartDate)
        {
            days = MobilityRules.DurationDays(p.StartDate, p.EndDate);
            if (days < rule.MinDays)
            {
                return null;
            }

            lastStart = p.StartDate;
        }

        var earliest = p.StartDate.AddDays(Math.Min(r.Between(20, 60), lastStart.DayNumber - p.StartDate.DayNumber));
        var restart = p.CallYear switch
        {
            < 2021 when r.Chance(0.8) => _mobilityRestart2020,
            2021 when p.Sector != Sector.HED && r.Chance(0.7) => _mobilityRestart2021,
            _ => earliest,
        };
        if (restart > earliest && restart <= lastStart)
        {
            earliest = restart;
        }

        var start = r.DateBetween(earliest, lastStart);
        if (semester)
        {
            // Exchange students start with the autumn or spring semester.
            var candidates = Enumerable.Range(earliest.Year, lastStart.Year - earliest.Year + 1)
                .SelectMany(y => new[] { new DateOnly(y, 8, 10), new DateOnly(y, 1, 5) })
                .Where(d => d >= earliest && d.AddDays(25) <= lastStart).ToList();
            if (candidates.Count > 0)
            {
                start = r.Pick(candidates).AddDays(r.Between(0, 25));
            }
        }
        else if (start.Month == 7 && p.Sector != Sector.HED)
        {
            // Schools are closed in July.
            var august = new DateOnly(start.Year, 8, 16);
            start = august <= lastStart ? august : start;
        }

        return (start, start.AddDays(days - 1));
    }

    /// <summary>Typical lengths in days (seeds 002 and 003), before the activity's rule clamps them.</summary>
    private static int Desired(string code, DemoRandom r)
    {
        var x = r.NextDouble();
        return code switch
        {
            "LM-SHORT-VET" => x < 0.7 ? r.Between(14, 28) : x < 0.9 ? r.Between(29, 45) : r.Between(10, 13),
            "LM-LONG-VET" => x < 0.85 ? r.Between(90, 120) : r.Between(150, 180),
            "LM-SKILL-VET" => r.Between(3, 7),
            "LM-GRP-PUPIL" => x < 0.9 ? r.Between(5, 8) : r.Between(9, 14),
            "LM-SHORT-PUPIL" => x < 0.8 ? r.Between(14, 21) : r.Between(10, 29),
            "LM-LONG-PUPIL" => x < 0.8 ? r.Between(60, 120) : r.Between(150, 300),
            "LM-GRP-ADU" => r.Between(5, 8),
            "LM-SHORT-ADU" => r.Between(5, 14),
            "SM-JOB-SHDW" => x < 0.7 ? r.Between(3, 5) : x < 0.95 ? r.Between(6, 10) : 14,
            "SM-COUR-TRAIN" => x < 0.7 ? r.Between(5, 7) : x < 0.95 ? r.Between(8, 12) : 14,
            "SM-TTA" => x < 0.7 ? r.Between(5, 10) : x < 0.95 ? r.Between(14, 30) : r.Between(60, 90),
            "OA-INV-EXP" => r.Between(3, 7),
            "OA-HOS-TTT" => r.Between(14, 45),
            "PREP-VISIT" => r.Between(2, 3),
            "HE-SMS" => x < 0.75 ? r.Between(120, 160) : r.Between(280, 320),
            "HE-SMT" => x < 0.7 ? r.Between(60, 120) : r.Between(121, 180),
            "HE-BIP" => r.Between(5, 10),
            // Teaching stays: median about four days; 85 % last two to five.
            "HE-STA" => x < 0.85 ? r.Between(2, 5) : x < 0.97 ? r.Between(6, 10) : r.Between(15, 25),
            // Training stays are a little longer (median about six days).
            "HE-STT" => x < 0.7 ? r.Between(3, 5) : x < 0.95 ? r.Between(6, 10) : r.Between(11, 20),
            _ => r.Between(3, 7),
        };
    }

    /// <summary>Higher-education destinations; before Brexit (the 2020 call) the UK took about a fifth of the staff stays.</summary>
    private static string HigherEducationCountry(DemoProject p, string code, DemoRandom r)
    {
        var staff = code is "HE-STA" or "HE-STT";
        if (p.CallYear < DomainVocabulary.FirstCallYear && r.Chance(staff ? 0.2 : 0.12))
        {
            return "GB";
        }

        var country = r.PickWeighted(staff ? _heStaffCountries : _heStudentCountries);
        return p.CallYear < DomainVocabulary.FirstCallYear && country == "GB" ? "DE" : country;
    }

    private MobilityStatus StatusFor(DemoProject p, DateOnly start, DateOnly end, DemoRandom r)
    {
        var cancelled = p.CallYear switch
        {
            < 2021 => start < new DateOnly(2021, 7, 1) ? 0.7 : 0.08,
            2021 => start < new DateOnly(2022, 1, 1) ? 0.25 : 0.06,
            _ => 0.04,
        };
        if (end < _today)
        {
            return r.Chance(cancelled) ? MobilityStatus.Cancelled : MobilityStatus.Realised;
        }

        return start > _today && r.Chance(0.02) ? MobilityStatus.Cancelled : MobilityStatus.Planned;
    }

    private static bool Fewer(DemoProject p, ParticipantGroup group, DemoRandom r) =>
        group == ParticipantGroup.Learner ? r.Chance(p.InclusionSupport ? 0.25 : 0.05) : r.Chance(0.01);

    private static bool Green(DemoProject p, string country, DemoRandom r) =>
        p.CallYear >= DomainVocabulary.FirstCallYear && r.Chance(p.GreenTravel ? (_nearby.Contains(country) ? 0.45 : 0.12) : 0.02);

    private static bool Blended(DemoProject p, string code, DemoRandom r) => code switch
    {
        "HE-BIP" => true,
        "HE-SMS" => r.Chance(0.03),
        _ => p.CallYear >= DomainVocabulary.FirstCallYear && r.Chance(p.Blended ? 0.18 : 0.01),
    };

    /// <summary>Splits a number of participants into groups or cohorts of a size range; no part is smaller than the minimum.</summary>
    private static List<int> Split(int total, int low, int high, int minimum, DemoRandom r)
    {
        var parts = new List<int>();
        var remaining = total;
        while (remaining > 0)
        {
            var size = Math.Min(remaining, r.Between(low, high));
            var rest = remaining - size;
            if (rest > 0 && rest < minimum)
            {
                size += rest;
            }

            if (size < minimum)
            {
                if (parts.Count > 0)
                {
                    parts[^1] += size;
                }

                break;
            }

            parts.Add(size);
            remaining -= size;
        }

        return parts;
    }
}
