using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Erasmus.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportOfOrganisationsAndAccreditations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "value",
                table: "import_row_errors",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "warnings",
                table: "import_project_rows",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "import_record_rows",
                columns: table => new
                {
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    row_number = table.Column<int>(type: "integer", nullable: false),
                    outcome = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    existing_id = table.Column<int>(type: "integer", nullable: true),
                    existing_version = table.Column<long>(type: "bigint", nullable: true),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    changes = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_record_rows", x => new { x.batch_id, x.row_number });
                    table.ForeignKey(
                        name: "fk_import_record_rows_import_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "import_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_import_record_rows_batch_id_outcome_row_number",
                table: "import_record_rows",
                columns: new[] { "batch_id", "outcome", "row_number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_record_rows");

            migrationBuilder.DropColumn(
                name: "value",
                table: "import_row_errors");

            migrationBuilder.DropColumn(
                name: "warnings",
                table: "import_project_rows");
        }
    }
}
