using System.Net;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Api;

namespace SalesWheel.Web.Tests.Assessments;

/// <summary>
/// With a mail server, a reminder goes by email only to those who have not submitted, and the admin sees counts only:
/// no link, no name of who answered, on the confirmation, the page after it, or the API's answer.
/// </summary>
public sealed class SmtpReminderTests(SmtpAppFixture fixture) : IClassFixture<SmtpAppFixture>
{
    private AppFactory App => fixture.App;

    [Fact]
    public async Task WithSmtpAReminderReachesOnlyThoseWhoHaveNotSubmittedAndTheAdminSeesCountsOnly()
    {
        var (owner, org) = await App.NewOrganization("Smtp Remind Co");
        var people = App.AddPeople(org, "East", PersonRole.Seller, 5, "Rita");
        var id = await owner.CreateAssessment("Smtp remind");
        await owner.ActAndRead(id, "Open");
        var answered = people.Take(2).ToList();
        var waiting = people.Skip(2).ToList();
        App.Service(db =>
        {
            foreach (var person in answered)
            {
                db.Invitations.Single(i => i.AssessmentId == id && i.PersonId == person.Id).State = InvitationState.Submitted;
            }

            return db.SaveChanges();
        });
        var firstLinks = people.ToDictionary(p => p.Email, p => AssessmentKit.TokensIn(Assert.Single(fixture.Sink.TextsTo(p.Email))).Single());

        var confirm = await owner.GetPage($"/assessments/{id}/remind");
        var question = Html.Parse(confirm);
        Assert.Equal("Send a reminder to the 3 people who have not submitted?", question.One("h1").Text());
        Assert.Contains("2 of 5 have answered; they get nothing.", question.One("[data-consequence]").Text());
        Assert.Equal("Send 3 reminders", question.One("section.confirm button").Text());
        Assert.All(people, p => Assert.Single(fixture.Sink.TextsTo(p.Email))); // nothing sent by asking

        var posted = await owner.PostForm($"/assessments/{id}?handler=Remind", Html.Antiforgery(confirm), []);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"/assessments/{id}", posted.Headers.Location!.ToString()); // no links to show: straight back
        var page = await owner.GetPage($"/assessments/{id}");
        await owner.GetPage($"/assessments/{id}"); // a reload

        Assert.Contains("Reminded 3; 2 have answered.", Html.Parse(page).One("[role='status']").Text());
        Assert.All(answered, p => Assert.Single(fixture.Sink.TextsTo(p.Email)));
        Assert.All(waiting, p => Assert.Single(fixture.Sink.TextsTo(p.Email), e => e.Contains("A reminder", StringComparison.Ordinal)));
        Assert.All(waiting, p => Assert.Equal(2, fixture.Sink.TextsTo(p.Email).Count));
        foreach (var html in new[] { confirm, page })
        {
            Assert.Empty(AssessmentKit.TokensIn(html));
            Assert.All(people, p => Assert.DoesNotContain(p.Name, html, StringComparison.Ordinal));
            Assert.All(people, p => Assert.DoesNotContain(p.Email, html, StringComparison.OrdinalIgnoreCase));
        }

        // Every earlier link still opens the survey.
        foreach (var person in waiting)
        {
            Assert.DoesNotContain("does not work", await App.Browser().GetPage($"/s/{firstLinks[person.Email]}"));
        }

        // The API reminds the same way, with counts: the one left gets a reminder, and the answer names nobody.
        App.Service(db =>
        {
            foreach (var person in waiting.Take(2))
            {
                db.Invitations.Single(i => i.AssessmentId == id && i.PersonId == person.Id).State = InvitationState.Submitted;
            }

            return db.SaveChanges();
        });
        var api = App.Api(await owner.MakeToken("remind"));
        var answer = await api.Post($"/api/v1/assessments/{id}/remind");
        Assert.Equal(1, answer["reminded"]!.GetValue<int>());
        Assert.Equal(4, answer["answered"]!.GetValue<int>());
        Assert.Empty(answer["links"]!.AsArray());
        Assert.Equal(3, fixture.Sink.TextsTo(waiting[2].Email).Count);
        Assert.All(people.Take(4), p => Assert.DoesNotContain(p.Name, answer.ToJsonString(), StringComparison.Ordinal));
    }
}
