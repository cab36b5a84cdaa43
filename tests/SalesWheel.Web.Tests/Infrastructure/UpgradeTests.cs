using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Data.Sqlite;

namespace SalesWheel.Web.Tests.Infrastructure;

/// <summary>A database made by the previous release, with a survey under way, upgraded by today's migrations.</summary>
public sealed class UpgradeTests
{
    [Fact]
    [Trait("Provider", "Sqlite")] // upgrades a SQLite file made by SQLite's earlier migrations
    public async Task AnUpgradeDiscardsUnsealedDraftsKeepsResponsesAndBindsTheMinimumGroupSizeInForce()
    {
        var path = Path.Combine(Path.GetTempPath(), "saleswheel-upgrade-" + Guid.NewGuid().ToString("N") + ".db");
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.UseSalesWheelSqlite(SqliteDatabase.ConnectionStringFor(path));
        var options = builder.Options;
        try
        {
            await using (var db = new AppDbContext(options))
            {
                await SqliteGate.WithoutGateAsync(() => db.GetInfrastructure().GetRequiredService<IMigrator>().MigrateAsync("20261127060438_UploadedAssessments"));
                var (org, assessment, person, invitation, response) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
                // Rows as the previous release wrote them (its columns only).
                await db.Database.ExecuteSqlAsync($"""INSERT INTO "Organizations" ("Id", "Name", "MinimumGroupSize", "CreatedAt") VALUES ({org}, 'Old Co', 6, '2026-11-01 00:00:00')""");
                await db.Database.ExecuteSqlAsync($"""INSERT INTO "People" ("Id", "OrganizationId", "Name", "Email", "Role", "Team", "CreatedAt") VALUES ({person}, {org}, 'Ada', 'ada@example.com', 'Seller', 'East', '2026-11-01 00:00:00')""");
                await db.Database.ExecuteSqlAsync($"""INSERT INTO "Assessments" ("Id", "OrganizationId", "Name", "QuickForm", "Uploaded", "AudienceTeams", "AudienceRoles", "Status", "CreatedAt") VALUES ({assessment}, {org}, 'Under way', 1, 0, '', '', 'Open', '2026-11-01 00:00:00')""");
                await db.Database.ExecuteSqlAsync($"""INSERT INTO "Invitations" ("Id", "AssessmentId", "PersonId", "TokenHash", "Role", "Team", "State", "RemindersSent") VALUES ({invitation}, {assessment}, {person}, 'abc', 'seller', 'East', 'Started', 0)""");
                await db.Database.ExecuteSqlAsync($"""INSERT INTO "SurveyDrafts" ("InvitationId", "Answers", "Comment", "Page", "UpdatedAt") VALUES ({invitation}, X'0203', 'my manager never coaches me', 2, '2026-11-02 00:00:00')""");
                await db.Database.ExecuteSqlAsync($"""INSERT INTO "SurveyResponses" ("Id", "AssessmentId", "SubmittedOn", "Role", "Team", "Answers", "Comment") VALUES ({response}, {assessment}, '2026-11-02', 'seller', 'East', X'0405', 'kept')""");
            }

            await using (var db = new AppDbContext(options))
            {
                await SqliteDatabase.MigrateAsync(db);
                Assert.Empty(await db.SurveyDrafts.ToListAsync()); // nobody can read the unsealed draft any more
                Assert.Equal("kept", (await db.SurveyResponses.SingleAsync()).Comment);
                var invitation = await db.Invitations.SingleAsync();
                Assert.Equal((InvitationKind.Personal, InvitationState.Started, "Ada", "ada@example.com"), (invitation.Kind, invitation.State, invitation.Name, invitation.Email));
                Assert.Equal(6, (await db.Assessments.SingleAsync()).MinimumGroupSize);

                // Start-up then seals the role and team the old release stored in the clear.
                var seal = new SubmissionSeal(new byte[32]);
                Assert.Equal(1, await ResponseAttributes.SealClearValuesAsync(db, seal));
                var stored = await db.SurveyResponses.AsNoTracking().SingleAsync();
                Assert.DoesNotContain("seller", stored.Role);
                Assert.Equal(("seller", "East"), (seal.OpenAttribute(stored.AssessmentId, stored.Role), seal.OpenAttribute(stored.AssessmentId, stored.Team)));
                Assert.Equal(0, await ResponseAttributes.SealClearValuesAsync(db, seal));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
