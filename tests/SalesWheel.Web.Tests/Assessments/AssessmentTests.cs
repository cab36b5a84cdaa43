using SalesWheel.Web.Features.Assessments;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Tests.Assessments;

public sealed class AssessmentTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string Day(int fromToday) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(fromToday).ToString("yyyy-MM-dd");

    [Fact]
    public async Task WithoutPeopleTheHomePagePointsToAddingAndImportingThem()
    {
        var (owner, _) = await app.NewOrganization("Empty Co");
        var page = await owner.GetPage("/assessments");
        Assert.Contains("href=\"/people\"", page);
        Assert.Contains("href=\"/people/import\"", page);
        Assert.Contains("href=\"/assessments/new\"", page);
    }

    [Fact]
    public async Task ANewAssessmentWithBadValuesKeepsWhatWasTypedAndNamesEachField()
    {
        var (owner, org) = await app.NewOrganization("Typo Co");
        app.AddPeople(org, "East", PersonRole.Seller, 2);
        var response = await owner.PostForm("/assessments/new",
        [
            new("Form.Name", "   "),
            new("Form.Instrument", "quick"),
            new("Form.Teams", "East"),
            new("Form.Teams", "Nowhere"),
            new("Form.Roles", "Seller"),
            new("Form.Roles", "Boss"),
            new("Form.CloseDate", Day(-1)),
        ]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("name", AssessmentKit.FieldError(page, "Form.Name"));
        Assert.Contains("Nowhere", AssessmentKit.FieldError(page, "Form.Teams"));
        Assert.Contains("roles", AssessmentKit.FieldError(page, "Form.Roles"));
        Assert.Contains("in the past", AssessmentKit.FieldError(page, "Form.CloseDate"));
        Assert.Contains("name=\"Form.Instrument\" value=\"quick\" checked=\"checked\"", page);
        Assert.Contains("name=\"Form.Teams\" value=\"East\" checked=\"checked\"", page);
        Assert.Contains("name=\"Form.Roles\" value=\"Seller\" checked=\"checked\"", page);
        Assert.Contains($"value=\"{Day(-1)}\"", page);

        response = await owner.PostForm("/assessments/new", [new("Form.Name", "Q3 health check"), new("Form.Instrument", "full"), new("Form.CloseDate", "31/12/2099")]);
        page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("year-month-day", AssessmentKit.FieldError(page, "Form.CloseDate"));
        Assert.Null(AssessmentKit.FieldError(page, "Form.Name"));
        Assert.Contains("value=\"Q3 health check\"", page);
        Assert.Contains("value=\"31/12/2099\"", page);

        Assert.Equal(0, app.Service(db => db.Assessments.Count(a => a.OrganizationId == org)));
    }

    [Fact]
    public async Task ANewAssessmentIsSavedAsADraftWithItsFormAudienceAndCloseDate()
    {
        var (owner, org) = await app.NewOrganization("Draft Co");
        app.AddPeople(org, "East", PersonRole.Seller, 2);
        app.AddPeople(org, "West", PersonRole.Manager, 1);
        var id = await owner.CreateAssessment("Spring check", teams: ["East"], roles: ["Seller", "Manager"], instrument: "quick", closeDate: Day(14));

        var saved = app.Assessment(id);
        Assert.Equal(AssessmentStatus.Draft, saved.Status);
        Assert.True(saved.QuickForm);
        Assert.Equal("East", saved.AudienceTeams);
        Assert.Equal("Manager,Seller", string.Join(',', saved.AudienceRoles.Split(',').Order()));
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14), saved.CloseDate);
        Assert.Equal(1, app.Service(db => db.AuditEntries.Count(e => e.OrganizationId == org && e.Action == "assessment created")));

        var detail = await owner.GetPage($"/assessments/{id}");
        Assert.Contains("2 people match this audience", detail);
        var list = await owner.GetPage("/assessments");
        Assert.Contains("Spring check", list);
        Assert.Contains("Quick form", list);
        Assert.Contains("Draft", list);
        Assert.DoesNotContain($"/assessments/{id}/results", list); // no results before it closes or anyone answers
        await owner.GetPage($"/assessments/{id}/links.csv", HttpStatusCode.NotFound); // no links made yet
    }

    [Fact]
    public async Task OpeningEmailsEachPersonOfTheAudienceALinkWhoseTokenIsStoredOnlyAsAHash()
    {
        var (owner, org) = await app.NewOrganization("Open Co");
        var east = app.AddPeople(org, "East", PersonRole.Seller, 3);
        east.AddRange(app.AddPeople(org, "East", PersonRole.OpsEnablement, 1));
        var west = app.AddPeople(org, "West", PersonRole.Seller, 2);
        var id = await owner.CreateAssessment("Team check", teams: ["East"]);

        var posted = await owner.Act(id, "Open");

        // Post/Redirect/Get: the links are read from the page the POST redirects to.
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var response = await owner.GetAsync(posted.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "a page with live personal links must not be cached");
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(AssessmentStatus.Open, app.Assessment(id).Status);
        var invitations = app.Invitations(id);
        Assert.Equal(east.Count, invitations.Count);
        Assert.Equal(east.Select(p => p.Id).Order(), invitations.Select(i => i.PersonId!.Value).Order());
        Assert.All(invitations, i => Assert.Equal("East", i.Team));
        Assert.Equal(["ops & enablement", "seller", "seller", "seller"], invitations.Select(i => i.Role).Order(StringComparer.Ordinal));

        var hashes = invitations.Select(i => i.TokenHash).ToHashSet();
        var tokens = new List<string>();
        foreach (var person in east)
        {
            var email = Assert.Single(app.EmailsTo(person.Email));
            Assert.Contains("anonymous", email);
            Assert.Contains("will not see", email);
            var token = Assert.Single(AssessmentKit.TokensIn(email));
            Assert.Contains("https://localhost/s/" + token, email);
            Assert.Contains(Tokens.Hash(token), hashes);
            tokens.Add(token);
        }

        Assert.Equal(east.Count, tokens.Distinct().Count());
        Assert.All(west, person => Assert.Empty(app.EmailsTo(person.Email)));

        // The links are shown this once, with the plain word that nothing was emailed.
        Assert.Equal(tokens.Order(), AssessmentKit.TokensIn(page).Order());
        Assert.Contains("No email was sent", page);
        Assert.Contains(app.OutboxFolder, page);

        // …and kept in a CSV (in the database, for every web node), which an admin can download.
        var csvFile = Assert.Single(app.Service(db => db.LinksFiles.Where(f => f.AssessmentId == id).Select(f => f.Name).ToList()));
        Assert.Matches($"links-{id}-\\d{{14}}\\.csv$", csvFile);
        var csv = await owner.GetPage($"/assessments/{id}/links.csv");
        Assert.StartsWith("name,email,team,role,link", csv.TrimStart('\uFEFF'));
        Assert.Equal(tokens.Order(), AssessmentKit.TokensIn(csv).Order());
        Assert.Contains(east[0].Email, csv);

        // No plain token anywhere in the database, in any text column of any table.
        var stored = app.AllStoredText();
        Assert.All(tokens, token => Assert.DoesNotContain(stored, value => value.Contains(token, StringComparison.Ordinal)));
        Assert.Equal(1, app.Service(db => db.AuditEntries.Count(e => e.OrganizationId == org && e.Action == "assessment opened")));
    }

    [Fact]
    public async Task OpeningAnAudienceThatMatchesNoOneIsRefusedAndSaysWhy()
    {
        var (owner, org) = await app.NewOrganization("Nobody Co");
        app.AddPeople(org, "East", PersonRole.Seller, 3);
        var id = await owner.CreateAssessment("Leaders only", roles: ["Leader"]);

        var page = await owner.ActAndRead(id, "Open");

        Assert.Contains("Nobody to invite", page);
        Assert.Equal(AssessmentStatus.Draft, app.Assessment(id).Status);
        Assert.Empty(app.Invitations(id));
    }

    [Fact]
    public async Task ARemindGivesEveryoneInvitedAFurtherLinkAndEveryEarlierLinkKeepsWorking()
    {
        var (owner, org) = await app.NewOrganization("Remind Co");
        var people = app.AddPeople(org, "North", PersonRole.Seller, 3);
        var id = await owner.CreateAssessment("Remind check");
        await owner.ActAndRead(id, "Open");
        var firstTokens = people.ToDictionary(p => p.Email, p => AssessmentKit.TokensIn(Assert.Single(app.EmailsTo(p.Email))).Single());
        var done = people[0];
        app.Service(db =>
        {
            db.Invitations.Single(i => i.AssessmentId == id && i.PersonId == done.Id).State = InvitationState.Submitted;
            db.Invitations.Single(i => i.AssessmentId == id && i.PersonId == people[1].Id).State = InvitationState.Started;
            return db.SaveChanges();
        });

        var page = await owner.ActAndRead(id, "Remind");

        var invitations = app.Invitations(id).ToDictionary(i => i.PersonId!.Value);
        var reminderHashes = app.Service(db => db.InvitationTokens.ToList()).ToDictionary(t => t.TokenHash, t => t.InvitationId);
        Assert.Equal(InvitationState.Submitted, invitations[done.Id].State); // the one who answered stays answered
        var newTokens = new List<string>();
        foreach (var person in people)
        {
            var reminder = Assert.Single(app.EmailsTo(person.Email), e => e.Contains("Reminder", StringComparison.Ordinal));
            Assert.Contains("The link in earlier emails keeps working too", reminder);
            var token = Assert.Single(AssessmentKit.TokensIn(reminder));
            Assert.NotEqual(firstTokens[person.Email], token);
            Assert.Equal(invitations[person.Id].Id, reminderHashes[Tokens.Hash(token)]);
            Assert.Equal(Tokens.Hash(firstTokens[person.Email]), invitations[person.Id].TokenHash); // the first link is not replaced
            Assert.Equal(1, invitations[person.Id].RemindersSent);
            newTokens.Add(token);

            // Both links open the survey: a reminder never kills a link someone may be about to use.
            var client = app.Browser();
            var survey = Html.Parse(await client.GetPage($"/s/{firstTokens[person.Email]}"));
            Assert.True(person.Name == done.Name ? survey.QuerySelectorAll("h1").Length > 0 : survey.DocumentElement.Text().Contains("Start", StringComparison.Ordinal));
            await client.GetPage($"/s/{token}");
        }

        Assert.Equal(InvitationState.Started, invitations[people[1].Id].State); // progress is kept
        Assert.Equal(newTokens.Order(), AssessmentKit.TokensIn(page).Order());
        var csv = await owner.GetPage($"/assessments/{id}/links.csv");
        Assert.Equal(newTokens.Order(), AssessmentKit.TokensIn(csv).Order()); // the newest file: the reminder's links
        var stored = app.AllStoredText();
        Assert.All(newTokens.Concat(firstTokens.Values), token => Assert.DoesNotContain(stored, value => value.Contains(token, StringComparison.Ordinal)));
        Assert.Equal(1, app.Service(db => db.AuditEntries.Count(e => e.OrganizationId == org && e.Action == "reminder sent")));
    }

    [Fact]
    public async Task AReminderGoesToTheAddressTheInvitationWasMadeForNotToAnAddressEditedLater()
    {
        var (owner, org) = await app.NewOrganization("Redirect Co");
        var people = app.AddPeople(org, "North", PersonRole.Seller, 2);
        var id = await owner.CreateAssessment("Redirect check");
        await owner.ActAndRead(id, "Open");
        var victim = people[0];
        var attacker = $"attacker-{Guid.NewGuid():N}@example.com";
        app.Service(db =>
        {
            db.People.Single(p => p.Id == victim.Id).Email = attacker; // an admin edits the person's address to their own
            return db.SaveChanges();
        });

        await owner.ActAndRead(id, "Remind");

        Assert.Empty(app.EmailsTo(attacker));
        Assert.Single(app.EmailsTo(victim.Email), e => e.Contains("Reminder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClosingStopsTheAssessmentAndTheListLinksToItsResults()
    {
        var (owner, org) = await app.NewOrganization("Close Co");
        app.AddPeople(org, "South", PersonRole.Manager, 2);
        var id = await owner.CreateAssessment("Close check");
        await owner.ActAndRead(id, "Open");
        var invitations = app.Invitations(id);
        app.Service(db =>
        {
            // One person had saved a page, the other had not started: the draft is the only place answers sit next to a person.
            db.SurveyDrafts.Add(new SurveyDraft { InvitationId = invitations[0].Id, BrowserId = Data.DraftSeal.BrowserId(Data.DraftSeal.NewBrowserSecret(), invitations[0].Id), Sealed = [3, 4, 5] });
            return db.SaveChanges();
        });

        var response = await owner.Act(id, "Close");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var closed = app.Assessment(id);
        Assert.Equal(AssessmentStatus.Closed, closed.Status);
        Assert.NotNull(closed.ClosedAt);
        Assert.Equal(1, app.Service(db => db.AuditEntries.Count(e => e.OrganizationId == org && e.Action == "assessment closed")));
        Assert.Equal(0, app.Service(db => db.SurveyDrafts.Count(d => d.InvitationId == invitations[0].Id))); // unsubmitted answers go with the close
        Assert.Contains($"href=\"/assessments/{id}/results\"", await owner.GetPage("/assessments"));

        var hashes = app.Invitations(id).Select(i => i.TokenHash).Order().ToList();
        var page = await owner.ActAndRead(id, "Remind");
        Assert.Contains("closed", page);
        Assert.Equal(hashes, app.Invitations(id).Select(i => i.TokenHash).Order().ToList());
    }

    [Fact]
    public async Task AnOpenAssessmentPastItsCloseDateShowsAsClosedAndIsClosedByTheDeadlineServiceNotByAGet()
    {
        var (owner, org) = await app.NewOrganization("Late Co");
        var overdue = new[] { NewOpen(org, "Overdue A", -1), NewOpen(org, "Overdue B", -3), NewOpen(org, "Due today", 0) };
        app.Service(db =>
        {
            db.Assessments.AddRange(overdue);
            return db.SaveChanges();
        });

        var page = await owner.GetPage($"/assessments/{overdue[0].Id}");
        Assert.Contains("Closed", page);
        Assert.DoesNotContain("Close now", page);
        await owner.GetPage("/assessments");
        Assert.Equal(AssessmentStatus.Open, app.Assessment(overdue[0].Id).Status); // a GET changes nothing

        var closed = await AssessmentDeadlines.CloseDueAsync(app.Services.GetRequiredService<IServiceScopeFactory>(), CancellationToken.None);

        Assert.Equal(2, closed);
        Assert.Equal(AssessmentStatus.Closed, app.Assessment(overdue[0].Id).Status);
        Assert.NotNull(app.Assessment(overdue[0].Id).ClosedAt);
        Assert.Equal(AssessmentStatus.Closed, app.Assessment(overdue[1].Id).Status);
        Assert.Equal(AssessmentStatus.Open, app.Assessment(overdue[2].Id).Status); // answers are taken until the end of the close date
        Assert.Equal(2, app.Service(db => db.AuditEntries.Count(e => e.OrganizationId == org && e.Action == "assessment closed")));
    }

    private static Assessment NewOpen(Guid org, string name, int closesInDays) => new()
    {
        OrganizationId = org,
        Name = name,
        Status = AssessmentStatus.Open,
        OpenedAt = DateTime.UtcNow.AddDays(-7),
        CloseDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(closesInDays),
    };

    [Fact]
    public async Task AViewerReadsAssessmentsButCannotCreateOpenRemindCloseOrDownloadLinks()
    {
        var (owner, org) = await app.NewOrganization("Viewer Co");
        app.AddPeople(org, "East", PersonRole.Seller, 3);
        var open = await owner.CreateAssessment("Running");
        await owner.ActAndRead(open, "Open");
        var draft = await owner.CreateAssessment("Waiting");
        var hashes = app.Invitations(open).Select(i => i.TokenHash).Order().ToList();
        var viewer = await app.NewViewer(org);

        var list = await viewer.GetPage("/assessments");
        Assert.Contains("Running", list);
        Assert.DoesNotContain("href=\"/assessments/new\"", list);
        var detail = await viewer.GetPage($"/assessments/{open}");
        Assert.Contains("Participation", detail);
        Assert.DoesNotContain("handler=Close", detail);
        Assert.DoesNotContain($"/assessments/{open}/close", detail);
        Assert.DoesNotContain($"/assessments/{open}/remind", detail);
        Assert.DoesNotContain("links.csv", detail);

        await viewer.AssertForbidden(await viewer.GetAsync("/assessments/new"));
        await viewer.AssertForbidden(await viewer.PostForm("/assessments/new", Html.Antiforgery(await viewer.GetPage("/signin")), [new("Form.Name", "Sneaky"), new("Form.Instrument", "full")]));
        await viewer.AssertForbidden(await viewer.Act(draft, "Open"));
        await viewer.AssertForbidden(await viewer.Act(open, "Remind"));
        await viewer.AssertForbidden(await viewer.Act(open, "Close"));
        await viewer.AssertForbidden(await viewer.GetAsync($"/assessments/{open}/links.csv"));

        Assert.Equal(AssessmentStatus.Draft, app.Assessment(draft).Status);
        Assert.Equal(AssessmentStatus.Open, app.Assessment(open).Status);
        Assert.Equal(hashes, app.Invitations(open).Select(i => i.TokenHash).Order().ToList());
        Assert.Empty(app.Invitations(draft));
        Assert.Equal(0, app.Service(db => db.Assessments.Count(a => a.Name == "Sneaky")));
    }

    [Fact]
    public async Task AnotherOrganizationsAssessmentIsNotFoundOnEveryRoute()
    {
        var (owner, org) = await app.NewOrganization("Home Co");
        app.AddPeople(org, "East", PersonRole.Seller, 3);
        var open = await owner.CreateAssessment("Private running");
        await owner.ActAndRead(open, "Open");
        var draft = await owner.CreateAssessment("Private waiting");
        var hashes = app.Invitations(open).Select(i => i.TokenHash).Order().ToList();
        var (intruder, _) = await app.NewOrganization("Other Co");

        foreach (var id in new[] { open, draft })
        {
            await intruder.GetPage($"/assessments/{id}", HttpStatusCode.NotFound);
            await intruder.GetPage($"/assessments/{id}/links.csv", HttpStatusCode.NotFound);
            foreach (var handler in new[] { "Open", "OpenWithLink", "Remind", "Close" })
            {
                var response = await intruder.Act(id, handler);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{handler} on another organization's assessment: {(int)response.StatusCode}");
            }
        }

        Assert.DoesNotContain("Private", await intruder.GetPage("/assessments"));
        Assert.Equal(AssessmentStatus.Open, app.Assessment(open).Status);
        Assert.Equal(AssessmentStatus.Draft, app.Assessment(draft).Status);
        Assert.Equal(hashes, app.Invitations(open).Select(i => i.TokenHash).Order().ToList());
    }

    [Fact]
    public async Task ParticipationShowsCountsOnlyAndMergesTeamsAndRolesSmallerThanTheMinimumGroupSize()
    {
        var (owner, org) = await app.NewOrganization("Counting Co"); // minimum group size 5
        var alpha = app.AddPeople(org, "Alpha", PersonRole.Seller, 6);
        var beta = app.AddPeople(org, "Beta", PersonRole.Manager, 7);
        var gamma = app.AddPeople(org, "Gamma", PersonRole.Leader, 1).Concat(app.AddPeople(org, "Gamma", PersonRole.OpsEnablement, 1)).ToList();
        var id = await owner.CreateAssessment("Counting check");
        await owner.ActAndRead(id, "Open");
        app.Service(db =>
        {
            var invitations = db.Invitations.Where(i => i.AssessmentId == id).ToList();
            foreach (var person in gamma.Concat(alpha.Take(3)))
            {
                invitations.Single(i => i.PersonId == person.Id).State = InvitationState.Submitted;
            }

            // Beta's first manager saved a page in one browser ("started" counts browsers that saved a page).
            invitations.Single(i => i.PersonId == beta[0].Id).State = InvitationState.Started;
            db.SurveyDrafts.Add(new SurveyDraft { InvitationId = invitations.Single(i => i.PersonId == beta[0].Id).Id, BrowserId = Data.DraftSeal.BrowserId(Data.DraftSeal.NewBrowserSecret(), Guid.NewGuid()) });
            return db.SaveChanges();
        });

        var page = await owner.GetPage($"/assessments/{id}");

        Assert.Contains("5 of 15 submitted", page);
        // Gamma (2 people) is below 5; Alpha, the smallest team shown, joins it so Gamma cannot be worked out by subtraction.
        var teams = AssessmentKit.ParticipationRows(page, "By team");
        Assert.Equal(2, teams.Count);
        Assert.Equal((7, 1, 0), teams["Beta"]);
        Assert.Equal((8, 5, 5), teams["Smaller groups combined"]);
        Assert.DoesNotContain("Gamma", page);
        // The same for roles: one leader and one ops & enablement person, merged with the sellers.
        var roles = AssessmentKit.ParticipationRows(page, "By role");
        Assert.Equal(2, roles.Count);
        Assert.Equal((7, 1, 0), roles["manager"]);
        Assert.Equal((8, 5, 5), roles["Smaller groups combined"]);
        Assert.All(alpha.Concat(beta).Concat(gamma), person =>
        {
            Assert.DoesNotContain(person.Name, page);
            Assert.DoesNotContain(person.Email, page);
        });

        // With a minimum group size of 8 (an assessment opened under that setting) no team is large enough on its own:
        // no team is shown at all.
        app.Service(db =>
        {
            db.Assessments.Single(a => a.Id == id).MinimumGroupSize = 8;
            return db.SaveChanges();
        });
        page = await owner.GetPage($"/assessments/{id}");
        Assert.Contains("Not shown by team", page);
        Assert.DoesNotContain("By team", Html.Parse(page).Texts("caption"));
        Assert.DoesNotContain("Beta", page);
    }
}
