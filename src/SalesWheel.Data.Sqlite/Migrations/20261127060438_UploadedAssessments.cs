using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesWheel.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class UploadedAssessments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InstrumentJson",
                table: "Assessments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Uploaded",
                table: "Assessments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "InstrumentJson",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "Uploaded",
                table: "Assessments");
        }
    }
}
