using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Tests.Assessments;

/// <summary>Organizations, people and assessments for the assessment tests, made the quick way where the route is not under test.</summary>
internal static partial class AssessmentKit
{
    /// <summary>Signs up a new owner and organization; the client holds the owner's session.</summary>
    public static async Task<(HttpClient Client, Guid OrganizationId)> NewOrganization(this AppFactory app, string name)
    {
        var client = app.Browser();
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        await client.SignUp(email, name);
        return (client, app.OrganizationOf(email));
    }

    /// <summary>A viewer of the organization (signed up elsewhere, then moved in as a viewer, as an owner's invitation would do).</summary>
    public static async Task<HttpClient> NewViewer(this AppFactory app, Guid organizationId)
    {
        var client = app.Browser();
        var email = $"viewer-{Guid.NewGuid():N}@example.com";
        await client.SignUp(email, "Somewhere else");
        app.Service(db =>
        {
            var userId = db.Users.Single(u => u.Email == email).Id;
            var membership = db.Memberships.Single(m => m.UserId == userId);
            membership.OrganizationId = organizationId;
            membership.Role = MemberRole.Viewer;
            return db.SaveChanges();
        });
        return client;
    }

    public static Guid OrganizationOf(this AppFactory app, string ownerEmail) => app.Service(db =>
        (from m in db.Memberships join u in db.Users on m.UserId equals u.Id where u.Email == ownerEmail select m.OrganizationId).Single());

    /// <summary>Adds people straight to the database; returns them (each with a unique email).</summary>
    public static List<Person> AddPeople(this AppFactory app, Guid organizationId, string team, PersonRole role, int count, string namePrefix = "Person")
    {
        var people = Enumerable.Range(1, count).Select(i => new Person
        {
            OrganizationId = organizationId,
            Name = $"{namePrefix} {team} {role} {i}",
            Email = $"p-{Guid.NewGuid():N}@example.com",
            Role = role,
            Team = team,
        }).ToList();
        app.Service(db =>
        {
            db.People.AddRange(people);
            return db.SaveChanges();
        });
        return people;
    }

    public static async Task<Guid> CreateAssessment(this HttpClient client, string name, string[]? teams = null, string[]? roles = null, string instrument = "full", string closeDate = "")
    {
        var fields = new List<KeyValuePair<string, string>> { new("Form.Name", name), new("Form.Instrument", instrument), new("Form.CloseDate", closeDate) };
        fields.AddRange((teams ?? []).Select(t => new KeyValuePair<string, string>("Form.Teams", t)));
        fields.AddRange((roles ?? []).Select(r => new KeyValuePair<string, string>("Form.Roles", r)));
        var response = await client.PostForm("/assessments/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Matches("^/assessments/[0-9a-f-]{36}$", location);
        return Guid.Parse(location["/assessments/".Length..]);
    }

    /// <summary>
    /// Posts one of the detail page's actions (Open, Remind, Close) with a valid antiforgery token for the signed-in
    /// user, taken from a page every user can load (a viewer's or another organization's detail page has no form).
    /// </summary>
    public static async Task<HttpResponseMessage> Act(this HttpClient client, Guid assessmentId, string handler)
    {
        var page = await client.GetPage("/signin");
        return await client.PostForm($"/assessments/{assessmentId}?handler={handler}", Html.Antiforgery(page), []);
    }

    /// <summary>
    /// Posts an action and reads the page a browser ends on: the GET page it redirects to (Post/Redirect/Get: the links
    /// page, or the assessment page), or the page of a refusal, which changed nothing.
    /// </summary>
    public static async Task<string> ActAndRead(this HttpClient client, Guid assessmentId, string handler)
    {
        var response = await client.Act(assessmentId, handler);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return await client.GetPage(response.Headers.Location!.ToString());
        }

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{handler}: {(int)response.StatusCode}\n{body[..Math.Min(2000, body.Length)]}");
        return body;
    }

    /// <summary>A lower role is turned away: 403, or the redirect to the "not allowed" page that answers 403.</summary>
    public static async Task AssertForbidden(this HttpClient client, HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            var location = new Uri(new Uri("https://localhost"), response.Headers.Location!);
            Assert.Equal("/denied", location.AbsolutePath);
            var denied = await client.GetAsync(location);
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            return;
        }

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>The personal-link tokens in a text (a page, an email, a CSV).</summary>
    public static List<string> TokensIn(string text) => SurveyLink().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();

    [GeneratedRegex("/s/([A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])")]
    private static partial Regex SurveyLink();

    /// <summary>The anonymous open-link tokens in a text.</summary>
    public static List<string> OpenLinksIn(string text) => OpenLink().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();

    [GeneratedRegex("/o/([A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])")]
    private static partial Regex OpenLink();

    /// <summary>The text of every .eml written to the outbox for an address.</summary>
    public static List<string> EmailsTo(this AppFactory app, string address) =>
        !Directory.Exists(app.OutboxFolder)
            ? []
            : Directory.EnumerateFiles(app.OutboxFolder, "*.eml")
                .Select(path => MimeMessage.Load(path))
                .Where(m => m.To.Mailboxes.Any(b => b.Address == address))
                .Select(m => $"Subject: {m.Subject}\n{m.TextBody}")
                .ToList();

    /// <summary>Every text value in every table of the database (blobs read as UTF-8), to prove a secret is stored nowhere.</summary>
    public static List<string> AllStoredText(this AppFactory app) => app.Service(db =>
    {
        var connection = db.Database.GetDbConnection();
        connection.Open();
        try
        {
            var tables = new List<string>();
            using (var list = connection.CreateCommand())
            {
                list.CommandText = TestDatabase.IsPostgres
                    ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                    : "SELECT name FROM sqlite_master WHERE type = 'table'";
                using var reader = list.ExecuteReader();
                while (reader.Read())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            Assert.Contains("Invitations", tables);
            var values = new List<string>();
            foreach (var table in tables)
            {
                using var select = connection.CreateCommand();
                select.CommandText = $"SELECT * FROM \"{table}\"";
                using DbDataReader reader = select.ExecuteReader();
                while (reader.Read())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        switch (reader.GetValue(i))
                        {
                            case string s:
                                values.Add(s);
                                break;
                            case byte[] bytes:
                                values.Add(Encoding.UTF8.GetString(bytes));
                                break;
                        }
                    }
                }
            }

            return values;
        }
        finally
        {
            connection.Close();
        }
    });

    /// <summary>The rows of a participation table: label → (invited, started, submitted).</summary>
    public static Dictionary<string, (int Invited, int Started, int Submitted)> ParticipationRows(string page, string caption) =>
        Html.Parse(page).Table(caption).Rows().ToDictionary(
            row => row.Values.First().Text(),
            row => (int.Parse(row["Invited"].Text(), CultureInfo.InvariantCulture), int.Parse(row["Started"].Text(), CultureInfo.InvariantCulture), int.Parse(row["Submitted"].Text(), CultureInfo.InvariantCulture)));

    /// <summary>The message next to a field (asp-validation-for), or null.</summary>
    public static string? FieldError(string page, string field) =>
        Html.Parse(page).QuerySelector($"[data-valmsg-for='{field}']")?.Text() is { Length: > 0 } message ? message : null;

    public static Assessment Assessment(this AppFactory app, Guid id) => app.Service(db => db.Assessments.AsNoTracking().Single(a => a.Id == id));

    public static List<Invitation> Invitations(this AppFactory app, Guid assessmentId) =>
        app.Service(db => db.Invitations.AsNoTracking().Where(i => i.AssessmentId == assessmentId).ToList());
}
