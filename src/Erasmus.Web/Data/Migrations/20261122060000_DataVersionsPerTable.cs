using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Erasmus.Web.Data.Migrations;

/// <summary>
/// The data version per table (so a cache of figures from some tables survives writes to others),
/// and indexes for the lists of a million mobility records, each measured before and after in
/// docs/benchmarks.md.
/// </summary>
[DbContext(typeof(ErasmusDbContext))]
[Migration("20261122060000_DataVersionsPerTable")]
public sealed class DataVersionsPerTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            -- The old rows name no table; every cache starts again anyway when the application restarts.
            DELETE FROM data_changes;
            ALTER TABLE data_changes ADD COLUMN table_name character varying(63) NOT NULL;

            -- One row per statement that writes to a watched table, in the writer's transaction.
            CREATE OR REPLACE FUNCTION note_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO data_changes (table_name, changes) VALUES (TG_TABLE_NAME, 1);
                RETURN NULL;
            END
            $$;

            CREATE EXTENSION IF NOT EXISTS pg_trgm;

            CREATE INDEX ix_mobilities_project_id_status ON mobilities (project_id, status) INCLUDE (participant_count);
            CREATE INDEX ix_mobilities_start_date ON mobilities (start_date);
            CREATE INDEX ix_mobilities_mobility_id ON mobilities (mobility_id);
            CREATE INDEX ix_mobilities_mobility_id_trigrams ON mobilities USING gin (mobility_id gin_trgm_ops);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP INDEX ix_mobilities_project_id_status;
            DROP INDEX ix_mobilities_start_date;
            DROP INDEX ix_mobilities_mobility_id;
            DROP INDEX ix_mobilities_mobility_id_trigrams;

            CREATE OR REPLACE FUNCTION note_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO data_changes (changes) VALUES (1);
                RETURN NULL;
            END
            $$;

            DELETE FROM data_changes;
            ALTER TABLE data_changes DROP COLUMN table_name;
            INSERT INTO data_changes (changes) VALUES (1);
            """);
    }
}
