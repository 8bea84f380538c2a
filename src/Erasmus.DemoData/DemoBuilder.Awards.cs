using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;

namespace Erasmus.DemoData;

internal sealed partial class DemoBuilder
{
    /// <summary>The activity lines of a granted mobility project, with weights; the numbers are shared out later per call year.</summary>
    private void AddAwardLines(DemoProject p)
    {
        var r = _awardRandom;
        var ka121 = p.Action == ProjectAction.KA121;
        var previousPeriod = p.CallYear < DomainVocabulary.FirstCallYear;

        void Line(string code, string category, double weight, double probability = 1)
        {
            if (probability >= 1 || r.Chance(probability))
            {
                p.Lines.Add(new DemoAwardLine(p, code, category, p.Size * weight * r.Between(0.7, 1.3)));
            }
        }

        bool HasCategory(string category) => p.Lines.Any(l => l.Category == category);

        switch (p.Sector)
        {
            case Sector.VET:
                Line("LM-SHORT-VET", DemoVolumes.VetLearners, 0.9);
                Line("LM-LONG-VET", DemoVolumes.VetLearners, 0.06, ka121 ? 0.4 : 0.12);
                if (!previousPeriod)
                {
                    Line("LM-SKILL-VET", DemoVolumes.VetLearners, 0.04, ka121 ? 0.25 : 0.05);
                }

                Line("SM-JOB-SHDW", DemoVolumes.VetStaff, 0.5, 0.85);
                Line("SM-COUR-TRAIN", DemoVolumes.VetStaff, 0.35, 0.6);
                Line("SM-TTA", DemoVolumes.VetStaff, 0.15, 0.25);
                break;
            case Sector.SCH:
                if (!previousPeriod && (ka121 || r.Chance(0.75)))
                {
                    Line("LM-GRP-PUPIL", DemoVolumes.Pupils, 0.6, ka121 ? 0.75 : 0.6);
                    Line("LM-SHORT-PUPIL", DemoVolumes.Pupils, 0.33, ka121 ? 0.55 : 0.35);
                    Line("LM-LONG-PUPIL", DemoVolumes.Pupils, 0.07, ka121 ? 0.2 : 0.05);
                    if (!HasCategory(DemoVolumes.Pupils))
                    {
                        Line("LM-GRP-PUPIL", DemoVolumes.Pupils, 0.6);
                    }
                }

                Line("SM-JOB-SHDW", DemoVolumes.SchoolStaff, 0.45, 0.9);
                Line("SM-COUR-TRAIN", DemoVolumes.SchoolStaff, 0.4, 0.8);
                Line("SM-TTA", DemoVolumes.SchoolStaff, 0.15, 0.25);
                if (!HasCategory(DemoVolumes.SchoolStaff))
                {
                    Line("SM-COUR-TRAIN", DemoVolumes.SchoolStaff, 0.4);
                }

                break;
            case Sector.ADU:
                if (!previousPeriod)
                {
                    Line("LM-GRP-ADU", DemoVolumes.Adult, 0.12, 0.35);
                    Line("LM-SHORT-ADU", DemoVolumes.Adult, 0.1, 0.3);
                }

                Line("SM-JOB-SHDW", DemoVolumes.Adult, 0.35, 0.9);
                Line("SM-COUR-TRAIN", DemoVolumes.Adult, 0.3, 0.85);
                Line("SM-TTA", DemoVolumes.Adult, 0.13, 0.3);
                if (!p.Lines.Any(l => l.ActivityCode.StartsWith("SM-", StringComparison.Ordinal)))
                {
                    Line("SM-COUR-TRAIN", DemoVolumes.Adult, 0.3);
                }

                break;
            case Sector.HED:
                Line("HE-SMS", DemoVolumes.HeStudents, 0.78);
                Line("HE-SMT", DemoVolumes.HeStudents, 0.17, 0.9);
                if (!previousPeriod)
                {
                    Line("HE-BIP", DemoVolumes.HeStudents, 0.05, 0.6);
                }

                Line("HE-STA", DemoVolumes.HeStaff, 0.52);
                Line("HE-STT", DemoVolumes.HeStaff, 0.48);
                break;
        }

        if (!previousPeriod && p.Sector is Sector.SCH or Sector.VET or Sector.ADU)
        {
            // Invited experts and hosted teachers come to Norway; preparatory visits go out. None of them counts in a target.
            if (r.Chance(ka121 ? 0.3 : 0.1))
            {
                p.Lines.Add(new DemoAwardLine(p, "OA-INV-EXP", DemoVolumes.Other, 0) { Participants = r.Between(1, 4) });
            }

            if (r.Chance(ka121 ? 0.12 : 0.03))
            {
                p.Lines.Add(new DemoAwardLine(p, "OA-HOS-TTT", DemoVolumes.Other, 0) { Participants = r.Between(1, 2) });
            }

            if (r.Chance(ka121 ? 0.2 : 0.1))
            {
                p.Lines.Add(new DemoAwardLine(p, "PREP-VISIT", DemoVolumes.Other, 0) { Participants = r.Between(1, 3) });
            }
        }
    }

    /// <summary>
    /// Shares each call year's national totals (<see cref="DemoVolumes"/>) out over the granted
    /// projects' lines in proportion to their weights, exactly: the 2021 round-1 sums are the
    /// published September 2021 figures.
    /// </summary>
    private void AwardMobilities()
    {
        var groups = Projects.Where(p => p.IsGranted).SelectMany(p => p.Lines).Where(l => l.Category != DemoVolumes.Other)
            .GroupBy(l => (Group: DemoVolumes.GroupOf(l.Project.CallYear, l.Project.Round), l.Category))
            .OrderBy(g => g.Key.Group, StringComparer.Ordinal).ThenBy(g => g.Key.Category, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var total = (int)Math.Round(DemoVolumes.Total(group.Key.Group, group.Key.Category) * _scale * _participantFactor);
            Distribute([.. group], total);
        }

        foreach (var p in Projects)
        {
            p.Lines.RemoveAll(l => l.Participants <= 0);
        }
    }

    /// <summary>Largest-remainder sharing with a minimum per line (2 for group activities); lines that cannot get their minimum are dropped.</summary>
    private static void Distribute(List<DemoAwardLine> lines, int total)
    {
        static int Minimum(DemoAwardLine l) => MobilityRules.IsGroupActivity(l.ActivityCode) ? 2 : 1;

        var active = lines.OrderByDescending(l => l.Weight).ToList();
        while (active.Count > 0 && active.Sum(Minimum) > total)
        {
            active.RemoveAt(active.Count - 1);
        }

        foreach (var line in lines)
        {
            line.Participants = 0;
        }

        if (active.Count == 0)
        {
            return;
        }

        var remaining = total - active.Sum(Minimum);
        var weights = active.Sum(l => l.Weight);
        var shares = active.Select(l => (Line: l, Exact: weights > 0 ? remaining * l.Weight / weights : (double)remaining / active.Count)).ToList();
        foreach (var (line, exact) in shares)
        {
            line.Participants = Minimum(line) + (int)Math.Floor(exact);
        }

        var left = total - active.Sum(l => l.Participants);
        foreach (var (line, _) in shares.OrderByDescending(s => s.Exact - Math.Floor(s.Exact)).ThenByDescending(s => s.Line.Weight).Take(left))
        {
            line.Participants++;
        }
    }
}
