using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Instruments;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Data.Sqlite;

namespace SalesWheel.Load;

/// <summary>Prepares the database the server will use: invitations to answer, and a large closed assessment to read.</summary>
internal static class Seed
{
    public const string OwnerEmail = "load-owner@example.com";
    public const string OwnerPassword = "load test passphrase 2026";

    private static AppDbContext Open(string data)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseSalesWheelSqlite(SqliteDatabase.ConnectionStringFor(Path.Combine(data, "saleswheel.db")));
        return new AppDbContext(options.Options);
    }

    public static async Task<int> RunAsync(string data, int surveys, int responses)
    {
        await using var db = Open(data);
        await SqliteDatabase.MigrateAsync(db);
        var organization = new Organization { Name = "Load Test Co", Phase = Core.Scoring.CompanyPhase.Scale, Acv = Core.Scoring.AcvBand.From15KTo50K };
        db.Organizations.Add(organization);
        var owner = new AppUser { UserName = OwnerEmail, Email = OwnerEmail, NormalizedEmail = OwnerEmail.ToUpperInvariant(), NormalizedUserName = OwnerEmail.ToUpperInvariant(), DisplayName = "Load owner", SecurityStamp = Guid.NewGuid().ToString("N") };
        owner.PasswordHash = new PasswordHasher<AppUser>().HashPassword(owner, OwnerPassword);
        db.Users.Add(owner);
        db.Memberships.Add(new Membership { OrganizationId = organization.Id, UserId = owner.Id, Role = MemberRole.Owner });

        var open = new Assessment { OrganizationId = organization.Id, Name = "Load: open", Status = AssessmentStatus.Open, OpenedAt = DateTime.UtcNow };
        db.Assessments.Add(open);
        string[] roles = ["seller", "manager", "leader", "ops & enablement"];
        string[] teams = ["Enterprise", "Mid-Market", "SMB", "RevOps"];
        var tokens = new List<string>(surveys);
        for (var i = 0; i < surveys; i++)
        {
            var token = Tokens.New();
            tokens.Add(token);
            db.Invitations.Add(new Invitation { AssessmentId = open.Id, TokenHash = Tokens.Hash(token), Role = roles[i % 4], Team = teams[i % 4] });
        }

        var closed = new Assessment { OrganizationId = organization.Id, Name = "Load: 10k", Status = AssessmentStatus.Closed, OpenedAt = DateTime.UtcNow, ClosedAt = DateTime.UtcNow };
        db.Assessments.Add(closed);
        var random = new Random(1);
        var width = BuiltInInstrument.Full.Items.Count();
        for (var i = 0; i < responses; i++)
        {
            var answers = new byte[width];
            for (var j = 0; j < width; j++)
            {
                answers[j] = (byte)(random.NextDouble() < 0.05 ? 0 : random.Next(1, 6));
            }

            db.SurveyResponses.Add(new SurveyResponse
            {
                AssessmentId = closed.Id,
                SubmittedOn = DateOnly.FromDateTime(DateTime.UtcNow),
                Role = roles[random.Next(4)],
                Team = teams[random.Next(4)],
                Answers = answers,
                Comment = i % 10 == 0 ? $"Comment number {i}: more coaching, fewer meetings." : null,
            });
        }

        await db.SaveChangesAsync();
        await File.WriteAllLinesAsync(Path.Combine(data, "load-tokens.txt"), tokens);
        await File.WriteAllTextAsync(Path.Combine(data, "load-assessments.txt"), $"{open.Id}\n{closed.Id}\n");
        Console.WriteLine($"seeded {surveys} invitations and {responses} responses in {data}");
        return 0;
    }

    public static async Task<int> CountAsync(string data)
    {
        await using var db = Open(data);
        var open = Guid.Parse((await File.ReadAllLinesAsync(Path.Combine(data, "load-assessments.txt")))[0]);
        // Submissions stay sealed until the assessment closes: every acknowledged one is a sealed row (or a response).
        Console.WriteLine(await db.SurveyResponses.CountAsync(r => r.AssessmentId == open) + await db.SealedSubmissions.CountAsync(s => s.AssessmentId == open));
        return 0;
    }
}
