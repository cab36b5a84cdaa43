using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesWheel.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InsiderProofLinksData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Data for InsiderProofLinks, in a migration of its own so that no SQL runs while SQLite's table rebuilds are
            // pending. Drafts saved before drafts were sealed cannot be tied to the browser that saved them (whoever opened
            // the link first would read them): they are discarded, and respondents answer those pages again; submitted
            // answers are responses already and are not touched.
            migrationBuilder.Sql("""DELETE FROM "SurveyDrafts";""");

            // Assessments already opened or uploaded keep the minimum group size in force today (the best record of what
            // was promised); invitations keep the name and address their person has today.
            migrationBuilder.Sql("""
                UPDATE "Assessments" SET "MinimumGroupSize" =
                    (SELECT o."MinimumGroupSize" FROM "Organizations" AS o WHERE o."Id" = "Assessments"."OrganizationId")
                WHERE "MinimumGroupSize" IS NULL AND ("Status" <> 'Draft' OR "Uploaded" = 1);
                """);
            migrationBuilder.Sql("""
                UPDATE "Invitations" SET
                    "Name" = COALESCE((SELECT p."Name" FROM "People" AS p WHERE p."Id" = "Invitations"."PersonId"), ''),
                    "Email" = COALESCE((SELECT p."Email" FROM "People" AS p WHERE p."Id" = "Invitations"."PersonId"), '')
                WHERE "Email" = '';
                """);

            // Earlier releases deleted drafts without secure_delete: their content may still sit on free pages. VACUUM
            // rewrites the file without them (start-up then empties the write-ahead log).
            migrationBuilder.Sql("VACUUM;", suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
