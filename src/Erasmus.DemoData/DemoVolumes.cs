namespace Erasmus.DemoData;

/// <summary>
/// How many participants the national agency awarded per call year, by target group, at scale 1.
/// The 2021 round-1 figures are the ones HK-dir published for September 2021 (DOMAIN.md); later
/// years grow toward the strategy's targets (strategy-targets.csv) without all of them being met:
/// pupils pass 7 500 in 2024, VET learners and HE staff stay behind.
/// </summary>
internal static class DemoVolumes
{
    public const string VetLearners = "VET-L";
    public const string VetStaff = "VET-S";
    public const string Pupils = "SCH-P";
    public const string SchoolStaff = "SCH-S";
    public const string Adult = "ADU";
    public const string HeStudents = "HED-L";
    public const string HeStaff = "HED-S";
    public const string Other = "other";

    /// <summary>The figures HK-dir published for September 2021 (awarded, first call of the period).</summary>
    public static class Published2021
    {
        public const int VetLearners = 573;
        public const int AdultEducation = 149;
        public const int Pupils = 1346;
        public const int SchoolStaff = 329;
        public const int CountyAuthoritiesTwoOrMoreSectors = 4;
        public const int CountyAuthoritiesOneSector = 4;
        public const int NorwegianCoordinatedPartnerships = 28;
        public const int WithWorkingLife = 17;
        public const int NewcomerCoordinators = 10;
        public const int SportOrganisations = 16;
        public const int CoveCoordinated = 1;
        public const int CoveAsPartner = 3;
    }

    public static readonly DateOnly PublishedAsOf = new(2021, 9, 30);

    /// <summary>The round groups a call year's awards are shared out in: 2021 keeps round 1 (published) apart from round 2.</summary>
    public static string GroupOf(int callYear, int round) => callYear == 2021 ? $"2021-{round}" : $"{callYear}";

    // Columns: VET learners, VET staff, pupils, school staff, adult education, HE students, HE staff.
    private static readonly Dictionary<string, int[]> _totals = new(StringComparer.Ordinal)
    {
        ["2020"] = [900, 150, 0, 250, 80, 1500, 450],
        ["2021-1"] = [Published2021.VetLearners, 110, Published2021.Pupils, Published2021.SchoolStaff, Published2021.AdultEducation, 1900, 600],
        ["2021-2"] = [160, 40, 420, 140, 50, 0, 0],
        ["2022"] = [1350, 280, 1700, 520, 200, 2100, 850],
        ["2023"] = [1600, 320, 1850, 560, 220, 2300, 950],
        ["2024"] = [1800, 340, 1950, 600, 240, 2400, 1000],
        ["2025"] = [1900, 360, 2000, 620, 250, 2500, 1050],
    };

    private static readonly string[] _columns = [VetLearners, VetStaff, Pupils, SchoolStaff, Adult, HeStudents, HeStaff];

    public static int Total(string group, string category)
    {
        var column = Array.IndexOf(_columns, category);
        return column >= 0 && _totals.TryGetValue(group, out var row) ? row[column] : 0;
    }

    /// <summary>Share of granted projects with each funding flag, by call year (growing, below the targets in 2021).</summary>
    public static (double Green, double Inclusion, double Blended) FlagShares(int callYear) => callYear switch
    {
        <= 2020 => (0.0, 0.10, 0.02),
        2021 => (0.12, 0.26, 0.10),
        2022 => (0.20, 0.31, 0.14),
        2023 => (0.27, 0.36, 0.18),
        2024 => (0.32, 0.40, 0.21),
        _ => (0.36, 0.43, 0.23),
    };

    /// <summary>EUR per participant, roughly the unit costs of the calls (travel, individual support, course fees).</summary>
    public static decimal UnitCost(string activityCode) => activityCode switch
    {
        "LM-GRP-PUPIL" => 700,
        "LM-SHORT-PUPIL" => 1800,
        "LM-LONG-PUPIL" => 6500,
        "LM-SKILL-VET" => 1000,
        "LM-SHORT-VET" => 2300,
        "LM-LONG-VET" => 7500,
        "LM-GRP-ADU" => 900,
        "LM-SHORT-ADU" => 1400,
        "SM-JOB-SHDW" => 1300,
        "SM-TTA" => 1600,
        "SM-COUR-TRAIN" => 1900,
        "OA-INV-EXP" => 1500,
        "OA-HOS-TTT" => 2500,
        "PREP-VISIT" => 800,
        "HE-SMS" => 2700,
        "HE-SMT" => 3000,
        "HE-STA" => 1100,
        "HE-STT" => 1200,
        "HE-BIP" => 900,
        _ => 1000,
    };
}
