using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesWheel.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InvitationNoteAndSummary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InvitationNote",
                table: "Assessments",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SenderName",
                table: "Assessments",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "ShareParticipantSummary",
                table: "Assessments",
                type: "INTEGER",
                nullable: false,
                defaultValue: true); // existing assessments share the summary, as new ones do by default
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "InvitationNote",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "SenderName",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "ShareParticipantSummary",
                table: "Assessments");
        }
    }
}
