using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesWheel.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ViewersMayDownloadAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ViewersMayDownloadAnswers",
                table: "Organizations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ViewersMayDownloadAnswers",
                table: "Organizations");
        }
    }
}
