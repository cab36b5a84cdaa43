using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Instruments;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Load;

/// <summary>Prepares the database the server will use: invitations to answer, and a large closed assessment to read.</summary>
internal static class Seed
{
    public const string OwnerEmail = "load-owner@example.com";
    public const string OwnerPassword = "load test passphrase 2026";

    private static readonly string[] Roles = ["seller", "manager", "leader", "ops & enablement"];
    private static readonly string[] Teams = ["Enterprise", "Mid-Market", "SMB", "RevOps"];

    public static async Task<int> RunAsync(string data, int surveys, int responses)
    {
        await using var db = Store.Open(data);
        await Store.MigrateAsync(db);
        var organization = AddOrganization(db);

        var open = new Assessment { OrganizationId = organization.Id, Name = "Load: open", Status = AssessmentStatus.Open, OpenedAt = DateTime.UtcNow };
        db.Assessments.Add(open);
        var tokens = new List<string>(surveys);
        for (var i = 0; i < surveys; i++)
        {
            var token = Tokens.New();
            tokens.Add(token);
            db.Invitations.Add(new Invitation { AssessmentId = open.Id, TokenHash = Tokens.Hash(token), Role = Roles[i % 4], Team = Teams[i % 4] });
        }

        var closed = new Assessment { OrganizationId = organization.Id, Name = "Load: 10k", Status = AssessmentStatus.Closed, OpenedAt = DateTime.UtcNow, ClosedAt = DateTime.UtcNow };
        db.Assessments.Add(closed);
        await db.SaveChangesAsync();
        await InsertAsync(db, Responses(Seal(data), closed.Id, responses, seed: 1));
        await File.WriteAllLinesAsync(Path.Combine(data, "load-tokens.txt"), tokens);
        await File.WriteAllTextAsync(Path.Combine(data, "load-assessments.txt"), $"{open.Id}\n{closed.Id}\n{responses}\n");
        Console.WriteLine($"seeded {surveys} invitations and {responses} responses in {data}");
        return 0;
    }

    /// <summary>
    /// Two closed waves of the full instrument with <paramref name="responses"/> answers each (the second a little better on
    /// average), for timing the results page's comparison; their ids (before, after) go to load-assessments.txt.
    /// </summary>
    public static async Task<int> WavesAsync(string data, int responses)
    {
        await using var db = Store.Open(data);
        await Store.MigrateAsync(db);
        var organization = AddOrganization(db);
        var before = new Assessment { OrganizationId = organization.Id, Name = "Wave 1", Status = AssessmentStatus.Closed, CreatedAt = DateTime.UtcNow.AddDays(-120), OpenedAt = DateTime.UtcNow.AddDays(-110), ClosedAt = DateTime.UtcNow.AddDays(-90) };
        var after = new Assessment { OrganizationId = organization.Id, Name = "Wave 2", Status = AssessmentStatus.Closed, CreatedAt = DateTime.UtcNow.AddDays(-30), OpenedAt = DateTime.UtcNow.AddDays(-20), ClosedAt = DateTime.UtcNow };
        db.Assessments.AddRange(before, after);
        await db.SaveChangesAsync();
        var seal = Seal(data);
        await InsertAsync(db, Responses(seal, before.Id, responses, seed: 1).Concat(Responses(seal, after.Id, responses, seed: 2, better: 0.15)));
        await File.WriteAllTextAsync(Path.Combine(data, "load-assessments.txt"), $"{before.Id}\n{after.Id}\n");
        Console.WriteLine($"seeded two waves of {responses} responses in {data}");
        return 0;
    }

    // The product's bulk path (binary COPY on PostgreSQL, a prepared statement on SQLite): 100,000 tracked entities
    // would take most of a minute to save.
    private static async Task InsertAsync(AppDbContext db, IEnumerable<SurveyResponse> rows)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        await ResponseRows.InsertAsync(db, rows);
        await transaction.CommitAsync();
    }

    private static Organization AddOrganization(AppDbContext db)
    {
        var organization = new Organization { Name = "Load Test Co", Phase = Core.Scoring.CompanyPhase.Scale, Acv = Core.Scoring.AcvBand.From15KTo50K };
        db.Organizations.Add(organization);
        var owner = new AppUser { UserName = OwnerEmail, Email = OwnerEmail, NormalizedEmail = OwnerEmail.ToUpperInvariant(), NormalizedUserName = OwnerEmail.ToUpperInvariant(), DisplayName = "Load owner", SecurityStamp = Guid.NewGuid().ToString("N") };
        owner.PasswordHash = new PasswordHasher<AppUser>().HashPassword(owner, OwnerPassword);
        db.Users.Add(owner);
        db.Memberships.Add(new Membership { OrganizationId = organization.Id, UserId = owner.Id, Role = MemberRole.Owner });
        return organization;
    }

    // The key the server will use (SalesWheel__SubmissionKey, else the key file of its data folder, made here when
    // missing): responses are stored with their role and team sealed, as the app stores them (a node seals clear ones at
    // start-up, which for 100,000 rows would take most of a minute on every start).
    private static SubmissionSeal Seal(string data) =>
        SubmissionSeal.FromConfiguredKeyOrFile(Environment.GetEnvironmentVariable("SalesWheel__SubmissionKey"), Path.Combine(data, "keys", "submission.key"));

    // Random answers (5 % skipped), role and team; with better > 0, that share of answers is moved one point up.
    private static IEnumerable<SurveyResponse> Responses(SubmissionSeal seal, Guid assessment, int count, int seed, double better = 0)
    {
        var random = new Random(seed);
        var width = BuiltInInstrument.Full.Items.Count();
        for (var i = 0; i < count; i++)
        {
            var answers = new byte[width];
            for (var j = 0; j < width; j++)
            {
                var answer = random.NextDouble() < 0.05 ? 0 : random.Next(1, 6);
                answers[j] = (byte)(better > 0 && answer is > 0 and < 5 && random.NextDouble() < better ? answer + 1 : answer);
            }

            yield return new SurveyResponse
            {
                AssessmentId = assessment,
                SubmittedOn = DateOnly.FromDateTime(DateTime.UtcNow),
                Role = seal.SealAttribute(assessment, Roles[random.Next(4)]),
                Team = seal.SealAttribute(assessment, Teams[random.Next(4)]),
                Answers = answers,
                Comment = i % 10 == 0 ? $"Comment number {i}: more coaching, fewer meetings." : null,
            };
        }
    }

    public static async Task<int> CountAsync(string data)
    {
        await using var db = Store.Open(data);
        var open = Guid.Parse((await File.ReadAllLinesAsync(Path.Combine(data, "load-assessments.txt")))[0]);
        // Submissions stay sealed until the assessment closes: every acknowledged one is a sealed row (or a response).
        Console.WriteLine(await db.SurveyResponses.CountAsync(r => r.AssessmentId == open) + await db.SealedSubmissions.CountAsync(s => s.AssessmentId == open));
        return 0;
    }
}
