using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesWheel.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ComparisonResults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ComparisonResults",
                columns: table => new
                {
                    BeforeAssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AfterAssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Stamp = table.Column<string>(type: "TEXT", nullable: false),
                    ComparisonJson = table.Column<string>(type: "TEXT", nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComparisonResults", x => new { x.BeforeAssessmentId, x.AfterAssessmentId });
                    table.ForeignKey(
                        name: "FK_ComparisonResults_Assessments_AfterAssessmentId",
                        column: x => x.AfterAssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ComparisonResults_Assessments_BeforeAssessmentId",
                        column: x => x.BeforeAssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ComparisonResults_AfterAssessmentId",
                table: "ComparisonResults",
                column: "AfterAssessmentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ComparisonResults");
        }
    }
}
