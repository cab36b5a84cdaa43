using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesWheel.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PaddingSignalsAtOpening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EmailChangedAt",
                table: "People",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ChangedShortlyBeforeOpening",
                table: "Invitations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EmailChangedAt",
                table: "People");

            migrationBuilder.DropColumn(
                name: "ChangedShortlyBeforeOpening",
                table: "Invitations");
        }
    }
}
