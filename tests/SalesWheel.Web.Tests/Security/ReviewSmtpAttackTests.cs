using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Assessments;

namespace SalesWheel.Web.Tests.Security;

/// <summary>
/// Attacks by an outside reviewer of issue 8 on an app with a mail server, where the admin is meant to hold no links.
/// </summary>
public sealed class ReviewSmtpAttackTests(SmtpAppFixture fixture) : IClassFixture<SmtpAppFixture>
{
    private AppFactory App => fixture.App;

    [Fact]
    public async Task AnAdminWhoPointsAColleaguesEmailAtTheirOwnMailboxJustBeforeOpeningIsShownInTheLinkSignals()
    {
        var (owner, org) = await App.NewOrganization("Quiet Edit Co");
        var people = App.AddPeople(org, "East", PersonRole.Seller, 6);
        App.Service(db =>
        {
            // A real colleague, on the people list for a month: not "added shortly before opening".
            foreach (var person in db.People.Where(p => p.OrganizationId == org))
            {
                person.CreatedAt = DateTime.UtcNow.AddDays(-30);
            }

            return db.SaveChanges();
        });
        var victim = people[0];
        var attacker = $"admin-alias-{Guid.NewGuid():N}@example.com";

        // Through the real edit form, a minute before opening.
        var edit = await owner.PostForm($"/people/{victim.Id}/edit",
        [
            new("Form.Name", victim.Name), new("Form.Email", attacker), new("Form.Role", "seller"), new("Form.Team", victim.Team),
        ]);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, edit.StatusCode);
        var id = await owner.CreateAssessment("Quiet edit check");
        await owner.ActAndRead(id, "Open");

        // The victim's personal link arrived in the admin's mailbox, and the victim got nothing.
        Assert.Single(AssessmentKit.TokensIn(string.Join("\n", fixture.Sink.TextsTo(attacker))));
        Assert.Empty(fixture.Sink.TextsTo(victim.Email));

        // The admin can now answer in the victim's name from a private window. Padding "must be visible": some signal on
        // the participation page should count this link, as it would count a person added just before opening.
        var viewer = await App.NewViewer(org);
        var page = await viewer.GetPage($"/assessments/{id}");
        var counts = System.Text.RegularExpressions.Regex.Matches(page, "<li>[^<]*<strong>(\\d+)</strong></li>")
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, counts.Count);
        Assert.True(counts.Sum() > 0, "the link signals show nothing: an email edited to the admin's own address just before opening is invisible");
    }

    [Fact]
    public async Task RemovingPeopleAddedJustBeforeOpeningDoesNotEraseThemFromTheLinkSignals()
    {
        var (owner, org) = await App.NewOrganization("Erase Co");
        var colleagues = App.AddPeople(org, "West", PersonRole.Seller, 5);
        App.Service(db =>
        {
            foreach (var person in db.People.Where(p => p.OrganizationId == org))
            {
                person.CreatedAt = DateTime.UtcNow.AddDays(-30);
            }

            return db.SaveChanges();
        });

        // The admin adds four "people" with addresses of their own just before opening: the signal counts them.
        var padding = App.AddPeople(org, "West", PersonRole.Seller, 4, "Padding");
        var id = await owner.CreateAssessment("Erase check");
        await owner.ActAndRead(id, "Open");
        var links = padding.SelectMany(p => AssessmentKit.TokensIn(string.Join("\n", fixture.Sink.TextsTo(p.Email)))).ToList();
        Assert.Equal(4, links.Count);
        var viewer = await App.NewViewer(org);
        Assert.Matches("added to the people list, or whose email address was changed, within a day before the assessment opened: <strong>4</strong>", await viewer.GetPage($"/assessments/{id}"));

        // Then removes them from the people list (their links, already in the admin's mailbox, keep working).
        foreach (var person in padding)
        {
            var removed = await owner.PostForm($"/people/{person.Id}/remove", []);
            Assert.Equal(System.Net.HttpStatusCode.Redirect, removed.StatusCode);
        }

        Assert.Equal(System.Net.HttpStatusCode.OK, (await App.Browser().GetAsync($"/s/{links[0]}")).StatusCode);
        var after = System.Text.RegularExpressions.Regex.Match(await viewer.GetPage($"/assessments/{id}"),
            "added to the people list, or whose email address was changed, within a day before the assessment opened: <strong>(\\d+)</strong>").Groups[1].Value;
        Assert.Equal("4", after);
    }
}
