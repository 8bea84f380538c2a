using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Erasmus.Web.Data.Migrations
{
    /// <summary>
    /// The whole schema as the seven hand-written migrations of 2026-11 left it (decision 0001), generated
    /// by <c>dotnet ef migrations add Baseline</c>, plus at the end of Up what EF cannot generate: the
    /// statement triggers that count writes in data_changes (decision 0005). A database migrated by the old
    /// chain is moved to this history by <see cref="ErasmusHistoryRepository"/>; SchemaEqualityTests prove
    /// both build the same catalog. Landed: never edit, add a migration instead.
    /// </summary>
    public partial class Baseline : Migration
    {
        /// <summary>Every table the attainment figures, the targets and the lists are read from, as of this migration.</summary>
        private static readonly string[] WatchedTables =
        [
            "organisations", "accreditations", "accreditation_members", "projects", "project_partners", "project_topics", "awarded_mobilities",
            "mobilities", "counties", "countries", "topics", "activity_types", "activity_type_rules", "strategy_targets", "target_values",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "activity_types",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name_nb = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    name_en = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    participant_group = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    sectors = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_activity_types", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "app_settings",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_app_settings", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    action = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    entity_type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    entity_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    root_type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    root_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    changes = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "counties",
                columns: table => new
                {
                    number = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true),
                    is_county_authority = table.Column<bool>(type: "boolean", nullable: false),
                    part_of_2020_county_number = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_counties", x => x.number);
                    table.ForeignKey(
                        name: "fk_counties_counties_part_of_2020_county_number",
                        column: x => x.part_of_2020_county_number,
                        principalTable: "counties",
                        principalColumn: "number",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "countries",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    name_nb = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    is_programme_country = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_countries", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "data_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    changes = table.Column<long>(type: "bigint", nullable: false),
                    table_name = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "import_batches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    file_name = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    file_size = table.Column<long>(type: "bigint", nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    national = table.Column<bool>(type: "boolean", nullable: false),
                    county_number = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    total_rows = table.Column<int>(type: "integer", nullable: false),
                    new_count = table.Column<int>(type: "integer", nullable: false),
                    changed_count = table.Column<int>(type: "integer", nullable: false),
                    unchanged_count = table.Column<int>(type: "integer", nullable: false),
                    rejected_count = table.Column<int>(type: "integer", nullable: false),
                    ignored_columns = table.Column<string[]>(type: "text[]", nullable: false),
                    present_columns = table.Column<string[]>(type: "text[]", nullable: false),
                    message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "roles",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "snapshots",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    parameters = table.Column<string>(type: "jsonb", nullable: false),
                    results = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "strategy_targets",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    area = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title_nb = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    title_en = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    metric_kind = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    metric_parameters = table.Column<string>(type: "jsonb", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    rule_description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_strategy_targets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "topics",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name_nb = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    name_en = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_topics", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    county_number = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    is_deactivated = table.Column<bool>(type: "boolean", nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: true),
                    security_stamp = table.Column<string>(type: "text", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true),
                    phone_number = table.Column<string>(type: "text", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    access_failed_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "activity_type_rules",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    activity_type_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    valid_from_call_year = table.Column<int>(type: "integer", nullable: false),
                    min_days = table.Column<int>(type: "integer", nullable: false),
                    max_days = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_activity_type_rules", x => x.id);
                    table.CheckConstraint("ck_activity_type_rules_days", "min_days >= 1 AND max_days >= min_days");
                    table.ForeignKey(
                        name: "fk_activity_type_rules_activity_types_activity_type_code",
                        column: x => x.activity_type_code,
                        principalTable: "activity_types",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "organisations",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    country_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    organisation_number = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    oid = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    county_number = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    municipality = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    first_participation_year = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organisations", x => x.id);
                    table.ForeignKey(
                        name: "fk_organisations_counties_county_number",
                        column: x => x.county_number,
                        principalTable: "counties",
                        principalColumn: "number",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_organisations_countries_country_code",
                        column: x => x.country_code,
                        principalTable: "countries",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "import_mobility_rows",
                columns: table => new
                {
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    row_number = table.Column<int>(type: "integer", nullable: false),
                    outcome = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    project_id = table.Column<int>(type: "integer", nullable: false),
                    project_reference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    existing_id = table.Column<int>(type: "integer", nullable: true),
                    mobility_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    activity_type_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    participant_group = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    direction = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    participant_count = table.Column<int>(type: "integer", nullable: false),
                    sending_organisation_id = table.Column<int>(type: "integer", nullable: true),
                    receiving_organisation_id = table.Column<int>(type: "integer", nullable: true),
                    sending_country_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    receiving_country_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: false),
                    duration_days = table.Column<int>(type: "integer", nullable: false),
                    fewer_opportunities = table.Column<bool>(type: "boolean", nullable: false),
                    green_travel = table.Column<bool>(type: "boolean", nullable: false),
                    blended = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_mobility_rows", x => new { x.batch_id, x.row_number });
                    table.ForeignKey(
                        name: "fk_import_mobility_rows_import_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "import_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "import_project_rows",
                columns: table => new
                {
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    row_number = table.Column<int>(type: "integer", nullable: false),
                    outcome = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    reference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    existing_id = table.Column<int>(type: "integer", nullable: true),
                    existing_version = table.Column<long>(type: "bigint", nullable: true),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    changes = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_project_rows", x => new { x.batch_id, x.row_number });
                    table.ForeignKey(
                        name: "fk_import_project_rows_import_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "import_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "import_row_errors",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    row_number = table.Column<int>(type: "integer", nullable: false),
                    column_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_row_errors", x => x.id);
                    table.ForeignKey(
                        name: "fk_import_row_errors_import_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "import_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "role_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    role_id = table.Column<string>(type: "text", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_role_claims_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "target_values",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    strategy_target_id = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_target_values", x => x.id);
                    table.ForeignKey(
                        name: "fk_target_values_strategy_targets_strategy_target_id",
                        column: x => x.strategy_target_id,
                        principalTable: "strategy_targets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_user_claims_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    provider_key = table.Column<string>(type: "text", nullable: false),
                    provider_display_name = table.Column<string>(type: "text", nullable: true),
                    user_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_user_logins_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_roles",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    role_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_user_roles_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_user_roles_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_tokens",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_user_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accreditations",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    sector = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    holder_id = table.Column<int>(type: "integer", nullable: false),
                    is_consortium = table.Column<bool>(type: "boolean", nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    decision_date = table.Column<DateOnly>(type: "date", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accreditations", x => x.id);
                    table.ForeignKey(
                        name: "fk_accreditations_organisations_holder_id",
                        column: x => x.holder_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "accreditation_members",
                columns: table => new
                {
                    accreditation_id = table.Column<int>(type: "integer", nullable: false),
                    organisation_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accreditation_members", x => new { x.accreditation_id, x.organisation_id });
                    table.ForeignKey(
                        name: "fk_accreditation_members_accreditations_accreditation_id",
                        column: x => x.accreditation_id,
                        principalTable: "accreditations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_accreditation_members_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "projects",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    reference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    sector = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    call_year = table.Column<int>(type: "integer", nullable: false),
                    round = table.Column<int>(type: "integer", nullable: false),
                    coordinator_id = table.Column<int>(type: "integer", nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: false),
                    decision_date = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    grant_eur = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    green_travel_top_up = table.Column<bool>(type: "boolean", nullable: false),
                    inclusion_support = table.Column<bool>(type: "boolean", nullable: false),
                    blended_mobility = table.Column<bool>(type: "boolean", nullable: false),
                    accreditation_id = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_projects", x => x.id);
                    table.CheckConstraint("ck_projects_dates", "end_date >= start_date");
                    table.CheckConstraint("ck_projects_grant", "grant_eur >= 0");
                    table.ForeignKey(
                        name: "fk_projects_accreditations_accreditation_id",
                        column: x => x.accreditation_id,
                        principalTable: "accreditations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_projects_organisations_coordinator_id",
                        column: x => x.coordinator_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "awarded_mobilities",
                columns: table => new
                {
                    project_id = table.Column<int>(type: "integer", nullable: false),
                    activity_type_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    participants = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_awarded_mobilities", x => new { x.project_id, x.activity_type_code });
                    table.CheckConstraint("ck_awarded_mobilities_participants", "participants > 0");
                    table.ForeignKey(
                        name: "fk_awarded_mobilities_activity_types_activity_type_code",
                        column: x => x.activity_type_code,
                        principalTable: "activity_types",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_awarded_mobilities_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mobilities",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    project_id = table.Column<int>(type: "integer", nullable: false),
                    mobility_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    activity_type_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    participant_group = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    direction = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    participant_count = table.Column<int>(type: "integer", nullable: false),
                    sending_organisation_id = table.Column<int>(type: "integer", nullable: true),
                    receiving_organisation_id = table.Column<int>(type: "integer", nullable: true),
                    sending_country_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    receiving_country_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: false),
                    duration_days = table.Column<int>(type: "integer", nullable: false),
                    fewer_opportunities = table.Column<bool>(type: "boolean", nullable: false),
                    green_travel = table.Column<bool>(type: "boolean", nullable: false),
                    blended = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mobilities", x => x.id);
                    table.CheckConstraint("ck_mobilities_dates", "end_date >= start_date");
                    table.CheckConstraint("ck_mobilities_participants", "participant_count >= 1");
                    table.ForeignKey(
                        name: "fk_mobilities_activity_types_activity_type_code",
                        column: x => x.activity_type_code,
                        principalTable: "activity_types",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_mobilities_countries_receiving_country_code",
                        column: x => x.receiving_country_code,
                        principalTable: "countries",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_mobilities_countries_sending_country_code",
                        column: x => x.sending_country_code,
                        principalTable: "countries",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_mobilities_organisations_receiving_organisation_id",
                        column: x => x.receiving_organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_mobilities_organisations_sending_organisation_id",
                        column: x => x.sending_organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_mobilities_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "project_partners",
                columns: table => new
                {
                    project_id = table.Column<int>(type: "integer", nullable: false),
                    organisation_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_project_partners", x => new { x.project_id, x.organisation_id });
                    table.ForeignKey(
                        name: "fk_project_partners_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_project_partners_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "project_topics",
                columns: table => new
                {
                    project_id = table.Column<int>(type: "integer", nullable: false),
                    topic_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_project_topics", x => new { x.project_id, x.topic_code });
                    table.ForeignKey(
                        name: "fk_project_topics_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_project_topics_topics_topic_code",
                        column: x => x.topic_code,
                        principalTable: "topics",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_accreditation_members_organisation_id",
                table: "accreditation_members",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_accreditations_code",
                table: "accreditations",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_accreditations_holder_id",
                table: "accreditations",
                column: "holder_id");

            migrationBuilder.CreateIndex(
                name: "ix_activity_type_rules_activity_type_code_valid_from_call_year",
                table: "activity_type_rules",
                columns: new[] { "activity_type_code", "valid_from_call_year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_occurred_at",
                table: "audit_entries",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_root_type_root_key",
                table: "audit_entries",
                columns: new[] { "root_type", "root_key" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_user_name",
                table: "audit_entries",
                column: "user_name");

            migrationBuilder.CreateIndex(
                name: "ix_awarded_mobilities_activity_type_code",
                table: "awarded_mobilities",
                column: "activity_type_code");

            migrationBuilder.CreateIndex(
                name: "ix_counties_part_of_2020_county_number",
                table: "counties",
                column: "part_of_2020_county_number");

            migrationBuilder.CreateIndex(
                name: "ix_import_batches_user_name_created_at",
                table: "import_batches",
                columns: new[] { "user_name", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_import_mobility_rows_batch_id_outcome_row_number",
                table: "import_mobility_rows",
                columns: new[] { "batch_id", "outcome", "row_number" });

            migrationBuilder.CreateIndex(
                name: "ix_import_project_rows_batch_id_outcome_row_number",
                table: "import_project_rows",
                columns: new[] { "batch_id", "outcome", "row_number" });

            migrationBuilder.CreateIndex(
                name: "ix_import_row_errors_batch_id_row_number",
                table: "import_row_errors",
                columns: new[] { "batch_id", "row_number" });

            migrationBuilder.CreateIndex(
                name: "ix_mobilities_activity_type_code_status",
                table: "mobilities",
                columns: new[] { "activity_type_code", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_mobilities_mobility_id",
                table: "mobilities",
                column: "mobility_id");

            migrationBuilder.CreateIndex(
                name: "ix_mobilities_mobility_id_trigrams",
                table: "mobilities",
                column: "mobility_id")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_mobilities_project_id_mobility_id",
                table: "mobilities",
                columns: new[] { "project_id", "mobility_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_mobilities_project_id_status",
                table: "mobilities",
                columns: new[] { "project_id", "status" })
                .Annotation("Npgsql:IndexInclude", new[] { "participant_count" });

            migrationBuilder.CreateIndex(
                name: "ix_mobilities_receiving_country_code",
                table: "mobilities",
                column: "receiving_country_code");

            migrationBuilder.CreateIndex(
                name: "ix_mobilities_receiving_organisation_id",
                table: "mobilities",
                column: "receiving_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_mobilities_sending_country_code",
                table: "mobilities",
                column: "sending_country_code");

            migrationBuilder.CreateIndex(
                name: "ix_mobilities_sending_organisation_id",
                table: "mobilities",
                column: "sending_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_mobilities_start_date",
                table: "mobilities",
                column: "start_date");

            migrationBuilder.CreateIndex(
                name: "ix_organisations_country_code",
                table: "organisations",
                column: "country_code");

            migrationBuilder.CreateIndex(
                name: "ix_organisations_county_number",
                table: "organisations",
                column: "county_number");

            migrationBuilder.CreateIndex(
                name: "ix_organisations_name",
                table: "organisations",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_organisations_oid",
                table: "organisations",
                column: "oid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_organisations_organisation_number",
                table: "organisations",
                column: "organisation_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_project_partners_organisation_id",
                table: "project_partners",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_topics_topic_code",
                table: "project_topics",
                column: "topic_code");

            migrationBuilder.CreateIndex(
                name: "ix_projects_accreditation_id",
                table: "projects",
                column: "accreditation_id");

            migrationBuilder.CreateIndex(
                name: "ix_projects_call_year_action",
                table: "projects",
                columns: new[] { "call_year", "action" });

            migrationBuilder.CreateIndex(
                name: "ix_projects_coordinator_id",
                table: "projects",
                column: "coordinator_id");

            migrationBuilder.CreateIndex(
                name: "ix_projects_reference",
                table: "projects",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_role_claims_role_id",
                table: "role_claims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "role_name_index",
                table: "roles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_snapshots_as_of",
                table: "snapshots",
                column: "as_of");

            migrationBuilder.CreateIndex(
                name: "ix_snapshots_name",
                table: "snapshots",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_strategy_targets_code",
                table: "strategy_targets",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_target_values_strategy_target_id_effective_from",
                table: "target_values",
                columns: new[] { "strategy_target_id", "effective_from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_user_claims_user_id",
                table: "user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_logins_user_id",
                table: "user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_roles_role_id",
                table: "user_roles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "email_index",
                table: "users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "user_name_index",
                table: "users",
                column: "normalized_user_name",
                unique: true);

            // What EF cannot generate. One row per statement that writes to a watched table, in the writer's own transaction.
            migrationBuilder.Sql("""
                CREATE FUNCTION note_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO data_changes (table_name, changes) VALUES (TG_TABLE_NAME, 1);
                    RETURN NULL;
                END
                $$;
                """);
            foreach (var table in WatchedTables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
                        FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accreditation_members");

            migrationBuilder.DropTable(
                name: "activity_type_rules");

            migrationBuilder.DropTable(
                name: "app_settings");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "awarded_mobilities");

            migrationBuilder.DropTable(
                name: "data_changes");

            migrationBuilder.DropTable(
                name: "import_mobility_rows");

            migrationBuilder.DropTable(
                name: "import_project_rows");

            migrationBuilder.DropTable(
                name: "import_row_errors");

            migrationBuilder.DropTable(
                name: "mobilities");

            migrationBuilder.DropTable(
                name: "project_partners");

            migrationBuilder.DropTable(
                name: "project_topics");

            migrationBuilder.DropTable(
                name: "role_claims");

            migrationBuilder.DropTable(
                name: "snapshots");

            migrationBuilder.DropTable(
                name: "target_values");

            migrationBuilder.DropTable(
                name: "user_claims");

            migrationBuilder.DropTable(
                name: "user_logins");

            migrationBuilder.DropTable(
                name: "user_roles");

            migrationBuilder.DropTable(
                name: "user_tokens");

            migrationBuilder.DropTable(
                name: "import_batches");

            migrationBuilder.DropTable(
                name: "activity_types");

            migrationBuilder.DropTable(
                name: "projects");

            migrationBuilder.DropTable(
                name: "topics");

            migrationBuilder.DropTable(
                name: "strategy_targets");

            migrationBuilder.DropTable(
                name: "roles");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "accreditations");

            migrationBuilder.DropTable(
                name: "organisations");

            migrationBuilder.DropTable(
                name: "counties");

            migrationBuilder.DropTable(
                name: "countries");

            // The triggers went with their tables.
            migrationBuilder.Sql("DROP FUNCTION note_data_change();");
        }
    }
}
