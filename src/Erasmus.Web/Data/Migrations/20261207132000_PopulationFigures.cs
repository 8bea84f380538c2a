using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Erasmus.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PopulationFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "population_figures",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    county_number = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    group_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    value = table.Column<int>(type: "integer", nullable: false),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_population_figures", x => x.id);
                    table.CheckConstraint("ck_population_figures_value", "value BETWEEN 0 AND 2000000");
                    table.CheckConstraint("ck_population_figures_year", "year BETWEEN 2014 AND 2035");
                    table.ForeignKey(
                        name: "fk_population_figures_counties_county_number",
                        column: x => x.county_number,
                        principalTable: "counties",
                        principalColumn: "number",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_population_figures_county_number_year_group_code",
                table: "population_figures",
                columns: new[] { "county_number", "year", "group_code" },
                unique: true);

            // The county views' rates are read from this table, so its writes move the data version (decision 0005).
            migrationBuilder.Sql("""
                CREATE TRIGGER population_figures_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON population_figures
                    FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "population_figures");
        }
    }
}
