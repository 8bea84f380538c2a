namespace Erasmus.Benchmarks;

/// <summary>
/// The floor of each page: the same figures as one hand-written SQL statement, with the counting rules
/// of DOMAIN.md written out in SQL (national, the structure of the date). What the database must do at
/// the least; the page adds the engine, the breakdowns and series, the view and HTTP.
/// </summary>
public static class Floors
{
    private const string Granted = "('Granted', 'Ongoing', 'Completed', 'Terminated')";
    private const string WorkingLife = "('Company', 'TrainingCompany', 'SocialPartner', 'Chamber')";

    private const string MobilityAwarded = $"""
        SELECT am.activity_type_code AS activity, p.sector, am.participants
        FROM awarded_mobilities am JOIN projects p ON p.id = am.project_id
        WHERE p.status IN {Granted} AND p.decision_date <= @as_of AND p.call_year >= 2021
        """;

    private const string MobilityRealised = """
        SELECT m.activity_type_code AS activity, p.sector, m.participant_count AS participants
        FROM mobilities m JOIN projects p ON p.id = m.project_id
        WHERE p.call_year >= 2021 AND m.status = 'Realised' AND m.end_date <= @as_of
          AND m.participant_group <> 'AccompanyingPerson' AND m.direction <> 'Incoming'
        """;

    /// <summary>Every target's headline figure (numerator and denominator for shares) in one statement.</summary>
    public static string Dashboard(bool realised) => $"""
        WITH mobility AS ({(realised ? MobilityRealised : MobilityAwarded)}),
        mob AS (
            SELECT coalesce(sum(participants) FILTER (WHERE activity IN ('LM-SKILL-VET', 'LM-SHORT-VET', 'LM-LONG-VET')), 0) AS vet_learners,
                   coalesce(sum(participants) FILTER (WHERE activity IN ('LM-GRP-PUPIL', 'LM-SHORT-PUPIL', 'LM-LONG-PUPIL')), 0) AS pupils,
                   coalesce(sum(participants) FILTER (WHERE activity IN ('SM-JOB-SHDW', 'SM-TTA', 'SM-COUR-TRAIN') AND sector = 'SCH'), 0) AS school_staff,
                   coalesce(sum(participants) FILTER (WHERE activity IN ('LM-GRP-ADU', 'LM-SHORT-ADU', 'SM-JOB-SHDW', 'SM-TTA', 'SM-COUR-TRAIN') AND sector = 'ADU'), 0) AS adult,
                   coalesce(sum(participants) FILTER (WHERE activity IN ('HE-STA', 'HE-STT')), 0) AS he_staff,
                   coalesce(sum(participants) FILTER (WHERE activity IN ('HE-SMS', 'HE-SMT', 'HE-BIP')), 0) AS he_students
            FROM mobility),
        authorities AS (
            SELECT count(*) FILTER (WHERE sectors >= 2) AS two_or_more, count(*) AS counted FROM (
                SELECT c.number, count(DISTINCT a.sector) AS sectors
                FROM counties c
                LEFT JOIN organisations o ON o.county_number = c.number AND o.type = 'CountyAuthority'
                LEFT JOIN accreditations a ON a.holder_id = o.id AND a.sector IN ('SCH', 'VET', 'ADU') AND a.status IN ('Active', 'Expired')
                     AND a.decision_date <= @as_of AND a.valid_from <= @as_of AND (a.valid_to IS NULL OR @as_of <= a.valid_to)
                WHERE c.is_county_authority AND c.valid_from <= @as_of AND (c.valid_to IS NULL OR @as_of <= c.valid_to)
                GROUP BY c.number) x),
        counted AS (
            SELECT p.*, c.country_code = 'NO' AS norwegian_coordinator, c.type AS coordinator_type, c.first_participation_year,
                   c.country_code = 'NO' OR EXISTS (SELECT 1 FROM project_partners pp JOIN organisations o ON o.id = pp.organisation_id
                                                    WHERE pp.project_id = p.id AND o.country_code = 'NO') AS norwegian
            FROM projects p JOIN organisations c ON c.id = p.coordinator_id
            WHERE p.status IN {Granted} AND p.decision_date <= @as_of AND p.call_year >= 2021),
        partnerships AS (SELECT * FROM counted WHERE action IN ('KA210', 'KA220', 'SportPartnership') AND norwegian),
        participation AS (
            SELECT organisation_id, min(call_year) AS first_call_year FROM (
                SELECT coordinator_id AS organisation_id, call_year FROM projects WHERE status IN {Granted}
                UNION ALL
                SELECT pp.organisation_id, p.call_year FROM project_partners pp JOIN projects p ON p.id = pp.project_id WHERE p.status IN {Granted}) x
            GROUP BY organisation_id),
        part AS (
            SELECT count(*) AS total,
                   count(*) FILTER (WHERE norwegian_coordinator) AS norwegian_coordinated,
                   count(*) FILTER (WHERE norwegian_coordinator AND (coordinator_type IN {WorkingLife} OR EXISTS (
                       SELECT 1 FROM project_partners pp JOIN organisations o ON o.id = pp.organisation_id
                       WHERE pp.project_id = partnerships.id AND o.type IN {WorkingLife}))) AS working_life,
                   count(*) FILTER (WHERE norwegian_coordinator AND EXISTS (SELECT 1 FROM project_topics t WHERE t.project_id = partnerships.id AND t.topic_code = 'sustainability')) AS sustainability,
                   count(*) FILTER (WHERE norwegian_coordinator AND EXISTS (SELECT 1 FROM project_topics t WHERE t.project_id = partnerships.id AND t.topic_code = 'inclusion')) AS inclusion,
                   count(*) FILTER (WHERE norwegian_coordinator AND EXISTS (SELECT 1 FROM project_topics t WHERE t.project_id = partnerships.id AND t.topic_code = 'digital-transformation')) AS digital
            FROM partnerships),
        newcomers AS (
            SELECT count(DISTINCT pt.coordinator_id) AS organisations
            FROM partnerships pt LEFT JOIN participation pa ON pa.organisation_id = pt.coordinator_id
            WHERE pt.norwegian_coordinator AND NOT coalesce(pt.first_participation_year < pt.call_year, false)
              AND NOT coalesce(pa.first_call_year < pt.call_year, false)),
        sport AS (
            SELECT count(DISTINCT organisation_id) AS organisations FROM (
                SELECT coordinator_id AS organisation_id FROM partnerships WHERE norwegian_coordinator AND (sector = 'SPORT' OR action = 'SportPartnership')
                UNION ALL
                SELECT pp.organisation_id FROM partnerships pt JOIN project_partners pp ON pp.project_id = pt.id JOIN organisations o ON o.id = pp.organisation_id
                WHERE o.country_code = 'NO' AND (pt.sector = 'SPORT' OR pt.action = 'SportPartnership')) x),
        centralised AS (
            SELECT count(*) FILTER (WHERE action = 'CoVE') AS cove, count(*) FILTER (WHERE action = 'TeacherAcademy') AS teacher_academies
            FROM counted WHERE norwegian),
        flags AS (
            SELECT count(*) AS projects, count(*) FILTER (WHERE green_travel_top_up) AS green, count(*) FILTER (WHERE inclusion_support) AS inclusion,
                   count(*) FILTER (WHERE blended_mobility) AS blended
            FROM counted WHERE norwegian_coordinator AND action NOT IN ('CoVE', 'TeacherAcademy', 'SportPartnership'))
        SELECT mob.*, authorities.*, part.*, newcomers.organisations AS newcomers, sport.organisations AS sport, centralised.*, flags.*
        FROM mob, authorities, part, newcomers, sport, centralised, flags
        """;

    /// <summary>One mobility target (VET learners) by county, sector, call year, start year and project: the detail page's figures.</summary>
    public static string TargetDetail(bool realised) => realised
        ? $"""
          SELECT {County} AS county, p.sector, p.call_year, EXTRACT(YEAR FROM m.start_date)::int AS start_year, p.id, p.reference,
                 sum(m.participant_count) AS participants
          FROM mobilities m JOIN projects p ON p.id = m.project_id JOIN organisations c ON c.id = p.coordinator_id
          WHERE m.activity_type_code IN ('LM-SKILL-VET', 'LM-SHORT-VET', 'LM-LONG-VET') AND p.call_year >= 2021 AND m.status = 'Realised'
            AND m.end_date <= @as_of AND m.participant_group <> 'AccompanyingPerson' AND m.direction <> 'Incoming'
          GROUP BY 1, 2, 3, 4, 5, 6
          """
        : $"""
          SELECT {County} AS county, p.sector, p.call_year, EXTRACT(YEAR FROM p.start_date)::int AS start_year, p.id, p.reference,
                 sum(am.participants) AS participants
          FROM awarded_mobilities am JOIN projects p ON p.id = am.project_id JOIN organisations c ON c.id = p.coordinator_id
          WHERE am.activity_type_code IN ('LM-SKILL-VET', 'LM-SHORT-VET', 'LM-LONG-VET') AND p.call_year >= 2021
            AND p.status IN {Granted} AND p.decision_date <= @as_of
          GROUP BY 1, 2, 3, 4, 5, 6
          """;

    /// <summary>The county matrix: county authorities in force and the sectors they hold accreditations in.</summary>
    public const string Counties = """
        SELECT c.number, c.name, min(o.name) AS authority,
               bool_or(a.sector = 'SCH') AS sch, bool_or(a.sector = 'VET') AS vet, bool_or(a.sector = 'ADU') AS adu
        FROM counties c
        LEFT JOIN organisations o ON o.county_number = c.number AND o.type = 'CountyAuthority'
        LEFT JOIN accreditations a ON a.holder_id = o.id AND a.status IN ('Active', 'Expired')
             AND a.decision_date <= @as_of AND a.valid_from <= @as_of AND (a.valid_to IS NULL OR @as_of <= a.valid_to)
        WHERE c.is_county_authority AND c.valid_from <= @as_of AND (c.valid_to IS NULL OR @as_of <= c.valid_to)
        GROUP BY c.number, c.name
        ORDER BY c.name
        """;

    private const string County = """
        CASE WHEN c.country_code = 'NO' THEN c.county_number
             ELSE (SELECT min(o.county_number) FROM project_partners pp JOIN organisations o ON o.id = pp.organisation_id
                   WHERE pp.project_id = p.id AND o.country_code = 'NO') END
        """;
}
