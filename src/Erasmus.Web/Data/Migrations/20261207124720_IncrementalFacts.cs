using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Erasmus.Web.Data.Migrations
{
    /// <summary>
    /// Incremental aggregate facts (decision 0011): <c>mobility_facts</c>, the mobility records summed per
    /// project and counted attributes, kept current by statement triggers in the writer's own transaction;
    /// and <c>fact_changes</c>, which projects each transaction changed, so the app brings its in-memory
    /// facts up to date by reading those projects again instead of everything.
    /// </summary>
    public partial class IncrementalFacts : Migration
    {
        /// <summary>The attributes a mobility fact is summed by, in the primary key's order.</summary>
        private const string Key = "project_id, activity_type_code, start_year, end_date, status, participant_group, direction";

        // The start year of a date clamped into the years an integer holds: an implausible row older than the
        // CHECK constraints (-infinity, issue #15) must not make a write or this backfill fail.
        private const string KeyOfRecord = "project_id, activity_type_code, EXTRACT(YEAR FROM LEAST(GREATEST(start_date, DATE '0001-01-01'), DATE '9999-12-31'))::int, end_date, status, participant_group, direction";

        private static readonly string Sql = $"""
            -- The facts of the records already there.
            DELETE FROM mobility_facts;
            INSERT INTO mobility_facts ({Key}, records, participants)
            SELECT {KeyOfRecord}, count(*), sum(participant_count::bigint) FROM mobilities GROUP BY 1, 2, 3, 4, 5, 6, 7;

            -- One function per kind of statement (a transition table exists only for the statements that
            -- have it): adds the summed difference per fact (summed first, since ON CONFLICT may touch a row
            -- once per statement; in key order, so concurrent writers lock shared facts in one order), notes
            -- the projects whose facts changed, and drops the facts left without records.
            CREATE OR REPLACE FUNCTION mobility_facts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                {ApplyDelta("SELECT " + KeyOfRecord + ", 1, participant_count FROM new_rows", "new_rows")}
                RETURN NULL;
            END
            $$;

            CREATE OR REPLACE FUNCTION mobility_facts_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                {ApplyDelta("SELECT " + KeyOfRecord + ", 1, participant_count FROM new_rows UNION ALL SELECT " + KeyOfRecord + ", -1, -participant_count FROM old_rows", "old_rows")}
                RETURN NULL;
            END
            $$;

            CREATE OR REPLACE FUNCTION mobility_facts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                {ApplyDelta("SELECT " + KeyOfRecord + ", -1, -participant_count FROM old_rows", "old_rows")}
                RETURN NULL;
            END
            $$;

            CREATE OR REPLACE FUNCTION mobility_facts_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM mobility_facts;
                INSERT INTO fact_changes (project_id, kind) VALUES (NULL, 'm');
                RETURN NULL;
            END
            $$;

            DROP TRIGGER IF EXISTS mobilities_facts_insert ON mobilities;
            DROP TRIGGER IF EXISTS mobilities_facts_update ON mobilities;
            DROP TRIGGER IF EXISTS mobilities_facts_delete ON mobilities;
            DROP TRIGGER IF EXISTS mobilities_facts_truncate ON mobilities;
            CREATE TRIGGER mobilities_facts_insert AFTER INSERT ON mobilities REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION mobility_facts_after_insert();
            CREATE TRIGGER mobilities_facts_update AFTER UPDATE ON mobilities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION mobility_facts_after_update();
            CREATE TRIGGER mobilities_facts_delete AFTER DELETE ON mobilities REFERENCING OLD TABLE AS old_rows
                FOR EACH STATEMENT EXECUTE FUNCTION mobility_facts_after_delete();
            CREATE TRIGGER mobilities_facts_truncate AFTER TRUNCATE ON mobilities
                FOR EACH STATEMENT EXECUTE FUNCTION mobility_facts_after_truncate();

            -- The projects whose facts a write to another table changes. For projects and partners also the
            -- projects coordinated by the organisations taking part: the newcomer rule reads a coordinator's
            -- earliest granted project, wherever it took part.
            CREATE OR REPLACE FUNCTION note_fact_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'TRUNCATE' THEN
                    INSERT INTO fact_changes (project_id, kind) VALUES (NULL, CASE TG_TABLE_NAME WHEN 'awarded_mobilities' THEN 'a' ELSE 'p' END);
                ELSIF TG_TABLE_NAME = 'awarded_mobilities' THEN
                    INSERT INTO fact_changes (project_id, kind) SELECT DISTINCT project_id, 'a' FROM changed_rows;
                ELSIF TG_TABLE_NAME = 'project_topics' THEN
                    INSERT INTO fact_changes (project_id, kind) SELECT DISTINCT project_id, 'p' FROM changed_rows;
                ELSIF TG_TABLE_NAME = 'projects' THEN
                    INSERT INTO fact_changes (project_id, kind)
                    SELECT id, 'p' FROM changed_rows
                    UNION
                    SELECT q.id, 'p' FROM projects q
                    WHERE q.coordinator_id IN (SELECT coordinator_id FROM changed_rows
                                               UNION SELECT pp.organisation_id FROM project_partners pp WHERE pp.project_id IN (SELECT id FROM changed_rows));
                ELSIF TG_TABLE_NAME = 'project_partners' THEN
                    INSERT INTO fact_changes (project_id, kind)
                    SELECT project_id, 'p' FROM changed_rows
                    UNION
                    SELECT q.id, 'p' FROM projects q WHERE q.coordinator_id IN (SELECT organisation_id FROM changed_rows);
                ELSIF TG_TABLE_NAME = 'organisations' THEN
                    INSERT INTO fact_changes (project_id, kind)
                    SELECT q.id, 'p' FROM projects q WHERE q.coordinator_id IN (SELECT id FROM changed_rows)
                    UNION
                    SELECT pp.project_id, 'p' FROM project_partners pp WHERE pp.organisation_id IN (SELECT id FROM changed_rows);
                END IF;
                RETURN NULL;
            END
            $$;
            """;

        /// <summary>The statements that add a difference (rows of key, records, participants) to the facts.</summary>
        private static string ApplyDelta(string delta, string rowsOfProjects) => $"""
            WITH changed AS (
                    INSERT INTO mobility_facts AS f ({Key}, records, participants)
                    SELECT {Key}, sum(records), sum(participants) FROM ({delta}) d ({Key}, records, participants)
                    GROUP BY {Key} HAVING sum(records) <> 0 OR sum(participants) <> 0
                    ORDER BY {Key}
                    ON CONFLICT ({Key}) DO UPDATE SET records = f.records + excluded.records, participants = f.participants + excluded.participants
                    RETURNING f.project_id)
                INSERT INTO fact_changes (project_id, kind) SELECT DISTINCT project_id, 'm' FROM changed;
                DELETE FROM mobility_facts f WHERE f.records = 0 AND f.project_id IN (SELECT project_id FROM {rowsOfProjects});
            """;

        /// <summary>The tables whose writes change project facts, with the triggers that note which projects.</summary>
        private static readonly string[] NotedTables = ["awarded_mobilities", "project_topics", "projects", "project_partners", "organisations"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fact_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    xid = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "(pg_current_xact_id())::text::bigint"),
                    project_id = table.Column<int>(type: "integer", nullable: true),
                    kind = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fact_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "mobility_facts",
                columns: table => new
                {
                    project_id = table.Column<int>(type: "integer", nullable: false),
                    activity_type_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    start_year = table.Column<int>(type: "integer", nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    participant_group = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    direction = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    records = table.Column<int>(type: "integer", nullable: false),
                    participants = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mobility_facts", x => new { x.project_id, x.activity_type_code, x.start_year, x.end_date, x.status, x.participant_group, x.direction });
                });

            migrationBuilder.CreateIndex(
                name: "ix_fact_changes_xid",
                table: "fact_changes",
                column: "xid");

            // What EF cannot generate (decision 0011): the backfill, the trigger functions and the triggers.
            migrationBuilder.Sql(Sql);
            foreach (var table in NotedTables)
            {
                // Three triggers per table (a transition table belongs to one kind of statement); an update is
                // noted for its new and its old rows alike.
                migrationBuilder.Sql($"""
                    DROP TRIGGER IF EXISTS {table}_fact_insert ON {table};
                    DROP TRIGGER IF EXISTS {table}_fact_update_new ON {table};
                    DROP TRIGGER IF EXISTS {table}_fact_update_old ON {table};
                    DROP TRIGGER IF EXISTS {table}_fact_delete ON {table};
                    DROP TRIGGER IF EXISTS {table}_fact_truncate ON {table};
                    CREATE TRIGGER {table}_fact_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS changed_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION note_fact_change();
                    CREATE TRIGGER {table}_fact_update_new AFTER UPDATE ON {table} REFERENCING NEW TABLE AS changed_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION note_fact_change();
                    CREATE TRIGGER {table}_fact_update_old AFTER UPDATE ON {table} REFERENCING OLD TABLE AS changed_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION note_fact_change();
                    CREATE TRIGGER {table}_fact_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS changed_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION note_fact_change();
                    CREATE TRIGGER {table}_fact_truncate AFTER TRUNCATE ON {table}
                        FOR EACH STATEMENT EXECUTE FUNCTION note_fact_change();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in NotedTables)
            {
                migrationBuilder.Sql($"""
                    DROP TRIGGER IF EXISTS {table}_fact_insert ON {table};
                    DROP TRIGGER IF EXISTS {table}_fact_update_new ON {table};
                    DROP TRIGGER IF EXISTS {table}_fact_update_old ON {table};
                    DROP TRIGGER IF EXISTS {table}_fact_delete ON {table};
                    DROP TRIGGER IF EXISTS {table}_fact_truncate ON {table};
                    """);
            }

            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS mobilities_facts_insert ON mobilities;
                DROP TRIGGER IF EXISTS mobilities_facts_update ON mobilities;
                DROP TRIGGER IF EXISTS mobilities_facts_delete ON mobilities;
                DROP TRIGGER IF EXISTS mobilities_facts_truncate ON mobilities;
                DROP FUNCTION IF EXISTS mobility_facts_after_insert();
                DROP FUNCTION IF EXISTS mobility_facts_after_update();
                DROP FUNCTION IF EXISTS mobility_facts_after_delete();
                DROP FUNCTION IF EXISTS mobility_facts_after_truncate();
                DROP FUNCTION IF EXISTS note_fact_change();
                """);

            migrationBuilder.DropTable(
                name: "fact_changes");

            migrationBuilder.DropTable(
                name: "mobility_facts");
        }
    }
}
