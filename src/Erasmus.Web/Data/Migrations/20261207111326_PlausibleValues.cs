using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Erasmus.Web.Data.Migrations
{
    /// <summary>
    /// CHECK constraints for the plausible values of DOMAIN.md (issue #15): dates 2014–2035, call years,
    /// participants, awarded numbers, grants. Existing rows are never changed; rows that break a
    /// constraint, and accreditations with a foreign holder or member, are reported by the migration.
    /// </summary>
    public partial class PlausibleValues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_projects_grant",
                table: "projects");

            migrationBuilder.DropCheckConstraint(
                name: "ck_mobilities_participants",
                table: "mobilities");

            migrationBuilder.DropCheckConstraint(
                name: "ck_awarded_mobilities_participants",
                table: "awarded_mobilities");

            // The 19 constraints the model declares (HasCheckConstraint) are added by SQL rather than
            // AddCheckConstraint: rows that already break one are reported (RAISE WARNING with their keys)
            // and the constraint is added NOT VALID, so new and changed rows are checked at once and old
            // ones wait for an operator (docs/reliability.md, "Implausible values and county escapes").
            // EF cannot generate either. The conditions are the model's, word for word.
            migrationBuilder.Sql("""
            DO $$
            DECLARE
                c record;
                offending bigint;
                sample text;
            BEGIN
                FOR c IN SELECT * FROM (VALUES
                    ('projects', 'id', 'ck_projects_grant', 'grant_eur BETWEEN 0 AND 100000000'),
                    ('projects', 'id', 'ck_projects_call_year', 'call_year BETWEEN 2014 AND 2027'),
                    ('projects', 'id', 'ck_projects_round', 'round BETWEEN 1 AND 3'),
                    ('projects', 'id', 'ck_projects_start_date', 'start_date BETWEEN DATE ''2014-01-01'' AND DATE ''2035-12-31'''),
                    ('projects', 'id', 'ck_projects_end_date', 'end_date BETWEEN DATE ''2014-01-01'' AND DATE ''2035-12-31'''),
                    ('projects', 'id', 'ck_projects_decision_date', 'decision_date BETWEEN DATE ''2014-01-01'' AND DATE ''2035-12-31'''),
                    ('projects', 'id', 'ck_projects_start_after_call', 'EXTRACT(YEAR FROM start_date) >= call_year - 1'),
                    ('awarded_mobilities', 'project_id || ''/'' || activity_type_code', 'ck_awarded_mobilities_participants', 'participants BETWEEN 1 AND 10000'),
                    ('mobilities', 'id', 'ck_mobilities_participants', 'participant_count BETWEEN 1 AND 500'),
                    ('mobilities', 'id', 'ck_mobilities_start_date', 'start_date BETWEEN DATE ''2014-01-01'' AND DATE ''2035-12-31'''),
                    ('mobilities', 'id', 'ck_mobilities_end_date', 'end_date BETWEEN DATE ''2014-01-01'' AND DATE ''2035-12-31'''),
                    ('accreditations', 'id', 'ck_accreditations_valid_from', 'valid_from BETWEEN DATE ''2014-01-01'' AND DATE ''2035-12-31'''),
                    ('accreditations', 'id', 'ck_accreditations_valid_to', 'valid_to BETWEEN DATE ''2014-01-01'' AND DATE ''2035-12-31'''),
                    ('accreditations', 'id', 'ck_accreditations_decision_date', 'decision_date BETWEEN DATE ''2014-01-01'' AND DATE ''2035-12-31'''),
                    ('organisations', 'id', 'ck_organisations_first_participation_year', 'first_participation_year BETWEEN 1987 AND 2027'),
                    ('target_values', 'id', 'ck_target_values_value', 'value > 0 AND value <= 10000000'),
                    ('target_values', 'id', 'ck_target_values_effective_from', 'effective_from BETWEEN DATE ''2014-01-01'' AND DATE ''2035-12-31'''),
                    ('snapshots', 'id', 'ck_snapshots_as_of', 'as_of BETWEEN DATE ''2014-01-01'' AND DATE ''2035-12-31'''),
                    ('activity_type_rules', 'id', 'ck_activity_type_rules_call_year', 'valid_from_call_year BETWEEN 2014 AND 2027')
                ) AS v(table_name, key_sql, constraint_name, condition)
                LOOP
                    -- NOT (condition) leaves out NULLs, which a CHECK lets through as well.
                    EXECUTE format('SELECT count(*) FROM %I WHERE NOT (%s)', c.table_name, c.condition) INTO offending;
                    IF offending = 0 THEN
                        EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (%s)', c.table_name, c.constraint_name, c.condition);
                    ELSE
                        EXECUTE format('SELECT string_agg(k, '', '') FROM (SELECT (%s)::text AS k FROM %I WHERE NOT (%s) ORDER BY 1 LIMIT 20) s',
                            c.key_sql, c.table_name, c.condition) INTO sample;
                        RAISE WARNING 'PlausibleValues: % row(s) of % break % (%); keys%: %. Added NOT VALID: new and changed rows are checked, these are not until fixed. Then run: ALTER TABLE % VALIDATE CONSTRAINT %;',
                            offending, c.table_name, c.constraint_name, c.condition, CASE WHEN offending > 20 THEN ' (first 20)' ELSE '' END, sample,
                            c.table_name, c.constraint_name;
                        EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (%s) NOT VALID', c.table_name, c.constraint_name, c.condition);
                    END IF;
                END LOOP;
            END
            $$;

            -- A holder or consortium member must be Norwegian; before issue #15 a coordinator could make one foreign.
            DO $$
            DECLARE
                r record;
            BEGIN
                FOR r IN
                    SELECT a.id, a.code, o.id AS organisation_id, o.country_code, 'holder' AS role
                    FROM accreditations a JOIN organisations o ON o.id = a.holder_id WHERE o.country_code <> 'NO'
                    UNION ALL
                    SELECT a.id, a.code, o.id, o.country_code, 'consortium member'
                    FROM accreditation_members m JOIN accreditations a ON a.id = m.accreditation_id JOIN organisations o ON o.id = m.organisation_id
                    WHERE o.country_code <> 'NO'
                    ORDER BY 1, 3
                LOOP
                    RAISE WARNING 'PlausibleValues: accreditation % (%) has the foreign organisation % (country %) as %; it must be Norwegian. Correct the organisation''s country (and county) or the accreditation.',
                        r.id, r.code, r.organisation_id, r.country_code, r.role;
                END LOOP;
            END
            $$;
            """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_target_values_effective_from",
                table: "target_values");

            migrationBuilder.DropCheckConstraint(
                name: "ck_target_values_value",
                table: "target_values");

            migrationBuilder.DropCheckConstraint(
                name: "ck_snapshots_as_of",
                table: "snapshots");

            migrationBuilder.DropCheckConstraint(
                name: "ck_projects_call_year",
                table: "projects");

            migrationBuilder.DropCheckConstraint(
                name: "ck_projects_decision_date",
                table: "projects");

            migrationBuilder.DropCheckConstraint(
                name: "ck_projects_end_date",
                table: "projects");

            migrationBuilder.DropCheckConstraint(
                name: "ck_projects_grant",
                table: "projects");

            migrationBuilder.DropCheckConstraint(
                name: "ck_projects_round",
                table: "projects");

            migrationBuilder.DropCheckConstraint(
                name: "ck_projects_start_after_call",
                table: "projects");

            migrationBuilder.DropCheckConstraint(
                name: "ck_projects_start_date",
                table: "projects");

            migrationBuilder.DropCheckConstraint(
                name: "ck_organisations_first_participation_year",
                table: "organisations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_mobilities_end_date",
                table: "mobilities");

            migrationBuilder.DropCheckConstraint(
                name: "ck_mobilities_participants",
                table: "mobilities");

            migrationBuilder.DropCheckConstraint(
                name: "ck_mobilities_start_date",
                table: "mobilities");

            migrationBuilder.DropCheckConstraint(
                name: "ck_awarded_mobilities_participants",
                table: "awarded_mobilities");

            migrationBuilder.DropCheckConstraint(
                name: "ck_activity_type_rules_call_year",
                table: "activity_type_rules");

            migrationBuilder.DropCheckConstraint(
                name: "ck_accreditations_decision_date",
                table: "accreditations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_accreditations_valid_from",
                table: "accreditations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_accreditations_valid_to",
                table: "accreditations");

            migrationBuilder.AddCheckConstraint(
                name: "ck_projects_grant",
                table: "projects",
                sql: "grant_eur >= 0");

            migrationBuilder.AddCheckConstraint(
                name: "ck_mobilities_participants",
                table: "mobilities",
                sql: "participant_count >= 1");

            migrationBuilder.AddCheckConstraint(
                name: "ck_awarded_mobilities_participants",
                table: "awarded_mobilities",
                sql: "participants > 0");
        }
    }
}
