using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Erasmus.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PopulationFiguresByInstitution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_population_figures_county_number_year_group_code",
                table: "population_figures");

            migrationBuilder.AddColumn<int>(
                name: "institution_id",
                table: "population_figures",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_population_figures_county_institution_year_group",
                table: "population_figures",
                columns: new[] { "county_number", "institution_id", "year", "group_code" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_population_figures_institution_id",
                table: "population_figures",
                column: "institution_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_population_figures_institution_group",
                table: "population_figures",
                sql: "institution_id IS NULL OR group_code IN ('HED-STAFF', 'HED-STUDENTS')");

            migrationBuilder.AddForeignKey(
                name: "fk_population_figures_organisations_institution_id",
                table: "population_figures",
                column: "institution_id",
                principalTable: "organisations",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_population_figures_organisations_institution_id",
                table: "population_figures");

            migrationBuilder.DropIndex(
                name: "ix_population_figures_county_institution_year_group",
                table: "population_figures");

            migrationBuilder.DropIndex(
                name: "ix_population_figures_institution_id",
                table: "population_figures");

            migrationBuilder.DropCheckConstraint(
                name: "ck_population_figures_institution_group",
                table: "population_figures");

            migrationBuilder.DropColumn(
                name: "institution_id",
                table: "population_figures");

            migrationBuilder.CreateIndex(
                name: "ix_population_figures_county_number_year_group_code",
                table: "population_figures",
                columns: new[] { "county_number", "year", "group_code" },
                unique: true);
        }
    }
}
