using System.Net;
using System.Text.RegularExpressions;
using MimeKit;

namespace SalesWheel.Web.Tests.Members;

/// <summary>Steps shared by the people, members and settings tests: invite someone, join from the emailed link, check a refusal.</summary>
internal static partial class MemberSteps
{
    public const string Password = "plum orchard under snow";

    /// <summary>The owner invites the address with the role; the page the invitation redirects to confirms it.</summary>
    public static async Task Invite(this HttpClient owner, string email, string role)
    {
        var posted = await owner.PostForm("/members", [new("Invite.Email", email), new("Invite.Role", role)], "/members?handler=Invite");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode); // Post/Redirect/Get
        var response = await owner.GetAsync(posted.Headers.Location);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Invitation created for {email.ToLowerInvariant()}", page);
    }

    /// <summary>The join link of the latest invitation email written to the outbox for this address (as a path).</summary>
    public static string JoinLinkFromOutbox(AppFactory app, string email)
    {
        var messages = Directory.Exists(app.OutboxFolder) ? Directory.GetFiles(app.OutboxFolder, "*.eml") : [];
        var latest = messages
            .Select(path => (Path: path, Message: MimeMessage.Load(path)))
            .Where(m => m.Message.To.Mailboxes.Any(to => string.Equals(to.Address, email, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(m => File.GetLastWriteTimeUtc(m.Path))
            .FirstOrDefault();
        Assert.True(latest.Message is not null, $"no email to {email} in the outbox");
        var link = JoinLink().Match(latest.Message.TextBody ?? "");
        Assert.True(link.Success, "the email has no join link:\n" + latest.Message.TextBody);
        return link.Groups[1].Value;
    }

    /// <summary>A new browser opens the join link and joins; it is then signed in.</summary>
    public static async Task<HttpClient> Join(AppFactory app, string joinPath, string name)
    {
        var client = app.Browser();
        var response = await client.PostForm(joinPath, [new("Form.Name", name), new("Form.Password", Password)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/assessments", response.Headers.Location?.ToString());
        return client;
    }

    /// <summary>Invites a new address with the role and joins with it: a signed-in admin or viewer of the owner's organization.</summary>
    public static async Task<HttpClient> MemberWithRole(AppFactory app, HttpClient owner, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        await owner.Invite(email, role);
        return await Join(app, JoinLinkFromOutbox(app, email), "A " + role);
    }

    /// <summary>Refused for the role: sent to the "not allowed" page, which answers 403.</summary>
    public static async Task AssertRefused(this HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/denied", new Uri(new Uri("https://localhost"), location).PathAndQuery);
        await client.GetPage(location, HttpStatusCode.Forbidden);
    }

    /// <summary>The antiforgery token of the signed-in user (every signed-in page has the sign-out form).</summary>
    public static async Task<string> Token(this HttpClient client, string page = "/settings") => Html.Antiforgery(await client.GetPage(page));

    /// <summary>The error shown next to a form field (empty when there is none), decoded as a person reads it.</summary>
    public static string FieldError(string page, string field) =>
        Html.Parse(page).QuerySelector($".field-validation-error[data-valmsg-for='{field}']")?.Text() ?? "";

    [GeneratedRegex(@"https?://[^/\s]+(/join/[A-Za-z0-9_-]{22})\b")]
    private static partial Regex JoinLink();
}
