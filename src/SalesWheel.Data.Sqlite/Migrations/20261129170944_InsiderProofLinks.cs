using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesWheel.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InsiderProofLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_SurveyDrafts",
                table: "SurveyDrafts");

            migrationBuilder.DropColumn(
                name: "Answers",
                table: "SurveyDrafts");

            migrationBuilder.DropColumn(
                name: "Comment",
                table: "SurveyDrafts");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "SurveyDrafts");

            migrationBuilder.RenameColumn(
                name: "Page",
                table: "SurveyDrafts",
                newName: "Submitted");

            migrationBuilder.AddColumn<string>(
                name: "BrowserId",
                table: "SurveyDrafts",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<byte[]>(
                name: "Sealed",
                table: "SurveyDrafts",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "Invitations",
                type: "TEXT",
                maxLength: 320,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "HandedToAdmin",
                table: "Invitations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Invitations",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Personal"); // every invitation made before open links is a personal link

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "Invitations",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "OpenedBySignedInMemberAt",
                table: "Invitations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MinimumGroupSize",
                table: "Assessments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OpenLinkTokenHash",
                table: "Assessments",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_SurveyDrafts",
                table: "SurveyDrafts",
                columns: new[] { "InvitationId", "BrowserId" });

            migrationBuilder.CreateTable(
                name: "InvitationTokens",
                columns: table => new
                {
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InvitationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvitationTokens", x => x.TokenHash);
                    table.ForeignKey(
                        name: "FK_InvitationTokens_Invitations_InvitationId",
                        column: x => x.InvitationId,
                        principalTable: "Invitations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SealedSubmissions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sealed = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SealedSubmissions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SealedSubmissions_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_OpenLinkTokenHash",
                table: "Assessments",
                column: "OpenLinkTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InvitationTokens_InvitationId",
                table: "InvitationTokens",
                column: "InvitationId");

            migrationBuilder.CreateIndex(
                name: "IX_SealedSubmissions_AssessmentId",
                table: "SealedSubmissions",
                column: "AssessmentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InvitationTokens");

            migrationBuilder.DropTable(
                name: "SealedSubmissions");

            migrationBuilder.DropPrimaryKey(
                name: "PK_SurveyDrafts",
                table: "SurveyDrafts");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_OpenLinkTokenHash",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "BrowserId",
                table: "SurveyDrafts");

            migrationBuilder.DropColumn(
                name: "Sealed",
                table: "SurveyDrafts");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "HandedToAdmin",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "Name",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "OpenedBySignedInMemberAt",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "MinimumGroupSize",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "OpenLinkTokenHash",
                table: "Assessments");

            migrationBuilder.RenameColumn(
                name: "Submitted",
                table: "SurveyDrafts",
                newName: "Page");

            migrationBuilder.AddColumn<byte[]>(
                name: "Answers",
                table: "SurveyDrafts",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<string>(
                name: "Comment",
                table: "SurveyDrafts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "SurveyDrafts",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddPrimaryKey(
                name: "PK_SurveyDrafts",
                table: "SurveyDrafts",
                column: "InvitationId");
        }
    }
}
