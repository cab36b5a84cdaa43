using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Samples;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Cli;

/// <summary>
/// <c>saleswheel demo</c>: fills the web app's database with a demo organization (through the same data layer as the
/// web app): an owner login, about 80 people, a closed assessment with the demo company's answers and an open one
/// whose personal links go to a CSV file. Each run creates a new organization with a new owner.
/// </summary>
public static class DemoCommand
{
    public const string OrganizationName = "Northwind Cloud (demo)";
    public const string ClosedAssessmentName = "Q3 team assessment";
    public const string OpenAssessmentName = "Q4 pulse (quick form)";

    /// <summary>How many people the demo team has; a few of them did not answer the closed assessment.</summary>
    public const int TeamSize = 86;

    public const int NonRespondents = 6;

    /// <summary>
    /// The same seed every time, so every demo organization tells the same story; this one leaves the Partners team
    /// with two people, so the results show a hidden group (and the group hidden with it).
    /// </summary>
    private const int Seed = 4;

    private static readonly string[] Comments =
    [
        "Pay commission in the month the deal closes, not a quarter later.",
        "Route inbound leads by territory automatically instead of to whoever grabs them first.",
        "Coaching on live deals, not only pipeline reviews where we read numbers out loud.",
        "One dashboard everyone trusts. Today every team brings its own numbers to the forecast call.",
        "A real onboarding plan: I shadowed for six weeks before anyone explained our sales method.",
        "Stop redrawing territories in the middle of the year.",
        "Keep Monday mornings free of internal meetings so we can call customers.",
        "Give SMB the same training budget as Enterprise; we carry half the new logos.",
        "Clear rules for who owns an account when a partner brings it in.",
    ];

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var database = new DatabaseOptions();
        database.Data.Description = "The web app's data folder: the SQLite database is FOLDER/saleswheel.db, and the links CSV is written there.";
        var baseUrl = new Option<string>("--base-url")
        {
            Description = "Address the web app answers at, used in the printed sign-in link and in the survey links.",
            DefaultValueFactory = _ => "http://localhost:5080",
            HelpName = "URL",
        };
        var command = new Command("demo",
            $"Create a demo organization, \"{OrganizationName}\", in the web app's database: an owner login (printed), "
            + $"{TeamSize} people, a closed assessment with about 80 answers and an open one whose survey links are written to a CSV file.")
        {
            baseUrl,
        };
        foreach (var option in database.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => RunAsync(database, parse, parse.GetValue(baseUrl) ?? "", stdout, stderr, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(DatabaseOptions options, ParseResult parse, string baseUrl, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        var dataFolder = options.DataFolder(parse);
        DatabaseChoice choice;
        try
        {
            // Owner-only, as the web app keeps it: the folder holds the database and a file of survey links.
            if (DataFolder.Secure(dataFolder) is { } narrowed)
            {
                stderr.WriteLine("warning: " + narrowed);
            }

        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            stderr.WriteLine($"error: cannot use the data folder {dataFolder}: {e.Message}");
            return CliApp.BadInput;
        }

        try
        {
            choice = options.Choice(parse);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return CliApp.BadInput;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<AppDbContext>(builder => builder.UseSalesWheelDatabase(choice));
        services.AddIdentityCore<AppUser>(identity =>
            {
                // The web app's rules (length, no composition), so the printed password is one it accepts.
                identity.Password.RequiredLength = 8;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<AppDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        var linksPath = Path.GetFullPath(Path.Combine(dataFolder, $"demo-links-{RandomText(6)}.csv"));
        try
        {
            await SalesWheelDatabase.MigrateAsync(db, cancellationToken);
            // The web app's submission key (configured, or the key file in the same data folder) seals the stored roles and teams.
            var seal = SubmissionSeal.FromConfiguredKeyOrFile(Environment.GetEnvironmentVariable("SalesWheel__SubmissionKey"), Path.Combine(dataFolder, "keys", "submission.key"));
            var demo = await CreateAsync(db, users, seal, linksPath, baseUrl.TrimEnd('/'), cancellationToken);
            stdout.WriteLine($"Demo organization created: {OrganizationName}");
            stdout.WriteLine($"Database: {choice.Describe()}");
            stdout.WriteLine($"Owner login (sign in at {baseUrl.TrimEnd('/')}/signin):");
            stdout.WriteLine($"  Email:    {demo.Email}");
            stdout.WriteLine($"  Password: {demo.Password}");
            stdout.WriteLine($"Closed assessment \"{ClosedAssessmentName}\": {demo.Responses} responses from {TeamSize} people invited.");
            stdout.WriteLine($"Open assessment \"{OpenAssessmentName}\": {demo.Invitations} invitations.");
            stdout.WriteLine($"Survey links: {linksPath}");
            stdout.WriteLine("Keep that file private: each link lets one person answer, once.");
            return CliApp.Success;
        }
        catch (Exception e) when (SalesWheelDatabase.IsDatabaseError(e) || e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            stderr.WriteLine($"error: could not create the demo organization: {e.GetBaseException().Message}");
            return CliApp.BadInput;
        }
    }

    private sealed record Created(string Email, string Password, int Responses, int Invitations);

    private static async Task<Created> CreateAsync(AppDbContext db, UserManager<AppUser> users, SubmissionSeal seal, string linksPath, string baseUrl,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var email = $"demo-owner-{RandomText(6)}@example.com";
        var password = string.Join('-', Enumerable.Range(0, 4).Select(_ => RandomText(4)));
        var owner = new AppUser { UserName = email, Email = email, DisplayName = "Demo owner" };
        var created = await users.CreateAsync(owner, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        var now = DateTime.UtcNow;
        var organization = new Organization { Name = OrganizationName, Phase = CompanyPhase.Scale, Acv = AcvBand.From15KTo50K };
        db.Organizations.Add(organization);
        db.Memberships.Add(new Membership { OrganizationId = organization.Id, UserId = owner.Id, Role = MemberRole.Owner });
        db.AuditEntries.Add(new AuditEntry
        {
            OrganizationId = organization.Id,
            UserId = owner.Id,
            UserName = "saleswheel demo",
            Action = "demo organization created",
            Detail = $"{TeamSize} people, \"{ClosedAssessmentName}\" (closed), \"{OpenAssessmentName}\" (open)",
        });

        var random = new Random(Seed);
        var team = DemoCompany.Respondents(BuiltInInstrument.Full, TeamSize, Seed).ToList();
        var people = AddPeople(db, organization.Id, team);

        // The closed assessment: everyone invited, all but a few answered.
        var opened = now.AddDays(-40);
        var closed = now.AddDays(-26);
        var q3 = new Assessment
        {
            OrganizationId = organization.Id,
            Name = ClosedAssessmentName,
            Status = AssessmentStatus.Closed,
            MinimumGroupSize = organization.MinimumGroupSize,
            CreatedAt = opened.AddDays(-2),
            OpenedAt = opened,
            ClosedAt = closed,
            CloseDate = DateOnly.FromDateTime(closed),
        };
        db.Assessments.Add(q3);
        var silent = Enumerable.Range(0, TeamSize).OrderBy(_ => random.Next()).Take(NonRespondents).ToHashSet();
        var responses = new List<SurveyResponse>();
        for (var i = 0; i < TeamSize; i++)
        {
            var answered = !silent.Contains(i);
            db.Invitations.Add(new Invitation
            {
                AssessmentId = q3.Id,
                PersonId = people[i].Id,
                TokenHash = Tokens.Hash(Tokens.New()), // the link itself is not kept: the assessment is closed
                Role = team[i].Role,
                Team = team[i].Team,
                State = answered ? InvitationState.Submitted : InvitationState.Invited,
                RemindersSent = answered ? 0 : 1,
                LastSentAt = answered ? opened : opened.AddDays(7),
            });
            if (answered)
            {
                responses.Add(new SurveyResponse
                {
                    AssessmentId = q3.Id,
                    SubmittedOn = DateOnly.FromDateTime(opened.AddDays(random.Next(0, 14))),
                    Role = seal.SealAttribute(q3.Id, team[i].Role),
                    Team = seal.SealAttribute(q3.Id, team[i].Team),
                    Answers = team[i].Answers,
                });
            }
        }

        // Stored in a random order, so not even the order of rows follows the list of people.
        responses = [.. responses.OrderBy(_ => random.Next())];
        for (var c = 0; c < Comments.Length; c++)
        {
            responses[c * responses.Count / Comments.Length].Comment = Comments[c];
        }

        db.SurveyResponses.AddRange(responses);

        // The open assessment: everyone invited, nobody has answered yet; the links go to the CSV file.
        var q4 = new Assessment
        {
            OrganizationId = organization.Id,
            Name = OpenAssessmentName,
            QuickForm = true,
            Status = AssessmentStatus.Open,
            MinimumGroupSize = organization.MinimumGroupSize,
            CreatedAt = now.AddDays(-2),
            OpenedAt = now.AddDays(-1),
            CloseDate = DateOnly.FromDateTime(now.AddDays(13)),
        };
        db.Assessments.Add(q4);
        var links = new StringBuilder("name,email,role,team,link\n");
        for (var i = 0; i < TeamSize; i++)
        {
            var token = Tokens.New();
            db.Invitations.Add(new Invitation
            {
                AssessmentId = q4.Id,
                PersonId = people[i].Id,
                TokenHash = Tokens.Hash(token),
                Role = team[i].Role,
                Team = team[i].Team,
                Name = people[i].Name,
                Email = people[i].Email,
                HandedToAdmin = true, // the links go to a CSV file for the admin to pass on
                State = InvitationState.Invited,
                LastSentAt = q4.OpenedAt,
            });
            links.Append(Csv(people[i].Name)).Append(',').Append(Csv(people[i].Email)).Append(',')
                .Append(Csv(team[i].Role)).Append(',').Append(Csv(team[i].Team)).Append(',')
                .Append(Csv($"{baseUrl}/s/{token}")).Append('\n');
        }

        await db.SaveChangesAsync(cancellationToken);
        // The file is written before the commit: if it cannot be written, nothing is kept and no link is lost.
        await File.WriteAllTextAsync(linksPath, links.ToString(), new UTF8Encoding(false), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Created(email, password, responses.Count, TeamSize);
    }

    private static List<Person> AddPeople(AppDbContext db, Guid organizationId, IReadOnlyList<DemoRespondent> team)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var people = new List<Person>(team.Count);
        foreach (var member in team)
        {
            var (role, title, slug) = member.Role switch
            {
                "leader" => (PersonRole.Leader, "Leader", "leader"),
                "manager" => (PersonRole.Manager, "Manager", "manager"),
                "ops & enablement" => (PersonRole.OpsEnablement, "Ops & Enablement", "ops"),
                _ => (PersonRole.Seller, "Seller", "seller"),
            };
            var number = numbers[slug] = numbers.GetValueOrDefault(slug) + 1;
            var person = new Person
            {
                OrganizationId = organizationId,
                Name = $"Demo {title} {number}",
                Email = $"demo-{slug}-{number}@example.com",
                Role = role,
                Team = member.Team,
            };
            db.People.Add(person);
            people.Add(person);
        }

        return people;
    }

    private static string RandomText(int length) => RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", length);

    private static string Csv(string value) => Core.Exports.CsvCells.Quoted(value);
}
