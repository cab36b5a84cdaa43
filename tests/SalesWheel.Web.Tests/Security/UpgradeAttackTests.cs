using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SalesWheel.Data;
using SalesWheel.Web.Tests.Assessments;

namespace SalesWheel.Web.Tests.Security;

/// <summary>
/// The InsiderProofLinks migration run by the real app on a database made by the earlier migrations, with an open
/// assessment, invitations, a saved draft and a draft that the old code deleted at submit (as it did, without
/// secure_delete).
/// </summary>
public sealed class UpgradeAttackTests
{
    private const string LastMigrationBefore = "20261127060438_UploadedAssessments";

    [Fact]
    [Trait("Provider", "Sqlite")] // upgrades a SQLite file made by SQLite's earlier migrations
    public async Task AfterTheUpgradeTheDatabaseFileHoldsNoDraftTheOldCodeDeletedAtSubmit()
    {
        using var app = new AppFactory();
        Directory.CreateDirectory(app.DataFolder);
        var path = Path.Combine(app.DataFolder, "saleswheel.db");
        var token = Tokens.New();
        var (assessmentId, invitationIds) = await MakeOldDatabase(path, token);

        // Before the upgrade the deleted draft is still in the file (the old code had no secure_delete): the attack has
        // something to find.
        Assert.True(System.Text.RegularExpressions.Regex.Count(Encoding.Latin1.GetString(ReadShared(path)), "oldmarker-submitted") >= 2, "the old file holds the deleted draft");
        Assert.True(System.Text.RegularExpressions.Regex.Count(Encoding.Latin1.GetString(ReadShared(path)), "oldmarker-earlier") >= 400, "the old file holds the earlier deleted drafts");

        // The app starts on it: the migration runs.
        var welcome = await app.Browser().GetPage($"/s/{token}");
        Assert.Contains("Spring pulse", welcome);
        var invitations = app.Invitations(assessmentId);
        Assert.Equal(["ada@example.com", "bo@example.com"], invitations.Where(i => invitationIds.Contains(i.Id)).OrderBy(i => i.Email).Select(i => i.Email));
        Assert.Equal(5, app.Assessment(assessmentId).MinimumGroupSize);
        Assert.Equal(2, invitationIds.Count);

        // What someone copying the files now finds: Bo's comment belongs once in the file (his anonymous response). A
        // second copy is the draft the old code deleted at submit (invitation id, answers and comment), still on a free
        // page: the upgrade neither zeroes nor vacuums what the old code left behind.
        SqliteConnection.ClearAllPools();
        var bytes = Encoding.Latin1.GetString(ReadShared(path)) + (File.Exists(path + "-wal") ? Encoding.Latin1.GetString(ReadShared(path + "-wal")) : "");
        var copies = System.Text.RegularExpressions.Regex.Count(bytes, "oldmarker-submitted");
        Assert.True(copies == 1, $"Bo's comment is in the database files {copies} times: once as his response, the rest from his deleted draft");
        var earlier = System.Text.RegularExpressions.Regex.Count(bytes, "oldmarker-earlier");
        Assert.True(earlier == 0, $"{earlier} drafts deleted by the old code (invitation id, answers, comment) are still readable in the upgraded file");
    }

    // An assessment open under the old code: Ada saved a draft, Bo submitted (his draft deleted, his response written
    // straight away), as the old code did.
    private static async Task<(Guid AssessmentId, List<Guid> InvitationIds)> MakeOldDatabase(string path, string adaToken)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite($"Data Source={path}", sqlite => sqlite.MigrationsAssembly("SalesWheel.Data.Sqlite")).Options;
        var org = Guid.NewGuid();
        var assessment = Guid.NewGuid();
        var ada = Guid.NewGuid();
        var bo = Guid.NewGuid();
        var invitationAda = Guid.NewGuid();
        var invitationBo = Guid.NewGuid();
        await using (var db = new AppDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync(LastMigrationBefore);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            var now = "2026-11-20 10:00:00";
            var blob = "X'" + string.Concat(Enumerable.Repeat("03", 16)) + "'";
            string seed = $"""
                INSERT INTO "Organizations" ("Id","Name","MinimumGroupSize","CreatedAt") VALUES ('{S(org)}','Old Co',5,'{now}');
                INSERT INTO "People" ("Id","OrganizationId","Name","Email","Role","Team","CreatedAt") VALUES
                    ('{S(ada)}','{S(org)}','Ada','ada@example.com','Seller','East','{now}'),
                    ('{S(bo)}','{S(org)}','Bo','bo@example.com','Seller','East','{now}');
                INSERT INTO "Assessments" ("Id","OrganizationId","Name","QuickForm","AudienceTeams","AudienceRoles","Status","CreatedAt","OpenedAt","Uploaded")
                    VALUES ('{S(assessment)}','{S(org)}','Spring pulse',1,'','','Open','{now}','{now}',0);
                INSERT INTO "Invitations" ("Id","AssessmentId","PersonId","TokenHash","Role","Team","State","RemindersSent","LastSentAt") VALUES
                    ('{S(invitationAda)}','{S(assessment)}','{S(ada)}','{Tokens.Hash(adaToken)}','seller','East','Started',0,'{now}'),
                    ('{S(invitationBo)}','{S(assessment)}','{S(bo)}','{Tokens.Hash(Tokens.New())}','seller','East','Started',0,'{now}');
                INSERT INTO "SurveyDrafts" ("InvitationId","Answers","Comment","Page","UpdatedAt") VALUES
                    ('{S(invitationAda)}',{blob},'oldmarker-draft',1,'{now}'),
                    ('{S(invitationBo)}',{blob},'oldmarker-submitted my manager never coaches me',2,'{now}');
                """;
            await db.Database.ExecuteSqlRawAsync(seed);

            // Bo submits under the old code: draft deleted, response written, invitation flipped.
            // Four hundred more people had submitted earlier: their drafts were deleted too, freeing whole pages of the file.
            var bulk = new StringBuilder();
            for (var n = 0; n < 400; n++)
            {
                var invitation = S(Guid.NewGuid());
                bulk.Append($"""
                    INSERT INTO "Invitations" ("Id","AssessmentId","PersonId","TokenHash","Role","Team","State","RemindersSent","LastSentAt")
                        VALUES ('{invitation}','{S(assessment)}',NULL,'{Tokens.Hash(Tokens.New())}','seller','East','Submitted',0,'{now}');
                    INSERT INTO "SurveyDrafts" ("InvitationId","Answers","Comment","Page","UpdatedAt")
                        VALUES ('{invitation}',{blob},'oldmarker-earlier {new string('x', 400)}',2,'{now}');
                    """);
            }

            await db.Database.ExecuteSqlRawAsync(bulk.ToString());
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"SurveyDrafts\" WHERE \"Comment\" LIKE 'oldmarker-earlier%';");

            string submit = $"""
                DELETE FROM "SurveyDrafts" WHERE "InvitationId" = '{S(invitationBo)}';
                INSERT INTO "SurveyResponses" ("Id","AssessmentId","SubmittedOn","Role","Team","Answers","Comment") VALUES
                    ('{S(Guid.NewGuid())}','{S(assessment)}','2026-11-20','seller','East',{blob},'oldmarker-submitted my manager never coaches me');
                UPDATE "Invitations" SET "State" = 'Submitted' WHERE "Id" = '{S(invitationBo)}';
                PRAGMA wal_checkpoint(TRUNCATE);
                """;
            await db.Database.ExecuteSqlRawAsync(submit);
        }

        SqliteConnection.ClearAllPools();
        return (assessment, [invitationAda, invitationBo]);

        static string S(Guid id) => id.ToString().ToUpperInvariant();
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
