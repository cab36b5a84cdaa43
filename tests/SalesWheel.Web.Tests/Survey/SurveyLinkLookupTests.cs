using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Survey;

namespace SalesWheel.Web.Tests.Survey;

/// <summary>
/// The survey link lookup is one hand-written SQL statement (it runs on every survey request). It must read exactly
/// what EF stores, for every state a link can be in, or a respondent would see someone else's draft, a wrong close
/// date or a survey that should be closed.
/// </summary>
public sealed class SurveyLinkLookupTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task TheLookupReadsWhatEfStoredForEveryKindOfLink()
    {
        var organization = new Organization { Name = "Lookup \"Quoted\" Co", MinimumGroupSize = 7 };
        var open = new Assessment { OrganizationId = organization.Id, Name = "Open, full form, closes 31 Dec", Status = AssessmentStatus.Open, CloseDate = new DateOnly(2099, 12, 31), MinimumGroupSize = 8 };
        var quick = new Assessment { OrganizationId = organization.Id, Name = "Quick form", Status = AssessmentStatus.Open, QuickForm = true };
        var closed = new Assessment
        {
            OrganizationId = organization.Id,
            Name = "Closed",
            Status = AssessmentStatus.Closed,
            ClosedAt = new DateTime(2026, 3, 4, 23, 59, 58, 123, DateTimeKind.Utc).AddTicks(4560), // to the microsecond, as PostgreSQL keeps it
            CloseDate = new DateOnly(2026, 3, 5),
        };
        var draftAssessment = new Assessment { OrganizationId = organization.Id, Name = "Not opened", Status = AssessmentStatus.Draft };
        var tokens = Enumerable.Range(0, 7).Select(_ => Tokens.New()).ToArray();
        Invitation Invite(Assessment a, int t, string role, string team, InvitationState state) =>
            new() { AssessmentId = a.Id, TokenHash = Tokens.Hash(tokens[t]), Role = role, Team = team, State = state };
        var fresh = Invite(open, 0, "seller", "Mid-Market", InvitationState.Invited);
        var started = Invite(open, 1, "manager", "Enterprise — Zürich", InvitationState.Started);
        started.HandedToAdmin = true;
        started.OpenedBySignedInMemberAt = new DateTime(2026, 11, 27, 8, 30, 1, 250, DateTimeKind.Utc);
        var submitted = Invite(quick, 2, "leader", "Leadership", InvitationState.Submitted);
        var late = Invite(closed, 3, "ops & enablement", "RevOps", InvitationState.Started);
        var notOpened = Invite(draftAssessment, 4, "seller", "North", InvitationState.Invited);
        var mine = DraftSeal.NewBrowserSecret();
        var theirs = DraftSeal.NewBrowserSecret();
        var saved = new DraftContent([5, 0, 3, 1, 255], "Line one\nline two, with 'quotes' and ünïcode", 4);
        var draft = new SurveyDraft { InvitationId = started.Id, BrowserId = DraftSeal.BrowserId(mine, started.Id), Sealed = DraftSeal.Seal(mine, started.Id, saved) };
        var otherBrowsersDraft = new SurveyDraft { InvitationId = started.Id, BrowserId = DraftSeal.BrowserId(theirs, started.Id), Sealed = DraftSeal.Seal(theirs, started.Id, saved with { Page = 2 }) };
        var receipt = new SurveyDraft { InvitationId = submitted.Id, BrowserId = DraftSeal.BrowserId(mine, submitted.Id), Submitted = true };
        var reminder = new InvitationToken { TokenHash = Tokens.Hash(tokens[6]), InvitationId = started.Id };
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.AddRange(organization, open, quick, closed, draftAssessment, fresh, started, submitted, late, notOpened, draft, otherBrowsersDraft, receipt, reminder);
            await db.SaveChangesAsync();
        }

        foreach (var (token, invitation) in new[] { (tokens[0], fresh), (tokens[1], started), (tokens[2], submitted), (tokens[3], late), (tokens[6], started) })
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var link = await FindBothWaysAsync(db, token, mine);
            Assert.NotNull(link);

            // What EF itself reads back from the database, entity by entity.
            var storedInvitation = await db.Invitations.AsNoTracking().SingleAsync(i => i.Id == invitation.Id);
            var storedAssessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == storedInvitation.AssessmentId);
            var storedOrganization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == storedAssessment.OrganizationId);

            Assert.Equal(token, link.Token);
            Assert.Equal(
                (storedInvitation.Id, storedInvitation.AssessmentId, storedInvitation.Role, storedInvitation.Team, storedInvitation.State, storedInvitation.HandedToAdmin, storedInvitation.OpenedBySignedInMemberAt),
                (link.Invitation.Id, link.Invitation.AssessmentId, link.Invitation.Role, link.Invitation.Team, link.Invitation.State, link.Invitation.HandedToAdmin, link.Invitation.OpenedBySignedInMemberAt));
            Assert.Equal(
                (storedAssessment.Id, storedAssessment.OrganizationId, storedAssessment.Name, storedAssessment.Status, storedAssessment.CloseDate, storedAssessment.ClosedAt,
                    storedAssessment.QuickForm, storedAssessment.Uploaded, storedAssessment.InstrumentJson, storedAssessment.MinimumGroupSize),
                (link.Assessment.Id, link.Assessment.OrganizationId, link.Assessment.Name, link.Assessment.Status, link.Assessment.CloseDate, link.Assessment.ClosedAt,
                    link.Assessment.QuickForm, link.Assessment.Uploaded, link.Assessment.InstrumentJson, link.Assessment.MinimumGroupSize));
            Assert.Equal((storedOrganization.Id, storedOrganization.Name, storedOrganization.MinimumGroupSize), (link.Organization.Id, link.Organization.Name, link.Organization.MinimumGroupSize));
        }

        // And against what was written, so a column read into the wrong field cannot pass by reading both sides wrong.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var resumed = (await FindBothWaysAsync(db, tokens[1], mine))!;
            Assert.Equal(("manager", "Enterprise — Zürich", InvitationState.Started, LinkStatus.Open), (resumed.Invitation.Role, resumed.Invitation.Team, resumed.Invitation.State, resumed.Status));
            Assert.Equal((organization.Name, 7, 8), (resumed.Organization.Name, resumed.Organization.MinimumGroupSize, resumed.MinimumGroupSize)); // the k promised at opening, not the lower one set since
            Assert.Equal((open.Name, new DateOnly(2099, 12, 31), false, true), (resumed.Assessment.Name, resumed.Assessment.CloseDate, resumed.Assessment.QuickForm, resumed.Invitation.HandedToAdmin));
            Assert.Equal(saved.Answers, resumed.Draft!.Answers);
            Assert.Equal((saved.Comment, 4, true), (resumed.Draft.Comment, resumed.Draft.Page, resumed.HasStoredDraft));

            // The reminder's link reaches the same invitation and, in the same browser, the same draft.
            var byReminder = (await FindBothWaysAsync(db, tokens[6], mine))!;
            Assert.Equal((started.Id, 4), (byReminder.Invitation.Id, byReminder.Draft!.Page));

            // Another browser reads its own draft, and a browser that saved nothing sees a fresh survey.
            Assert.Equal(2, (await FindBothWaysAsync(db, tokens[1], theirs))!.Draft!.Page);
            var stranger = (await FindBothWaysAsync(db, tokens[1], DraftSeal.NewBrowserSecret()))!;
            Assert.Equal((null, false, LinkStatus.Open), (stranger.Draft, stranger.HasStoredDraft, stranger.Status));

            // Submitted: the browser that submitted is thanked; anyone else sees an open survey (opening tells nothing).
            Assert.Equal(LinkStatus.Submitted, (await FindBothWaysAsync(db, tokens[2], mine))!.Status);
            Assert.Equal(LinkStatus.Open, (await FindBothWaysAsync(db, tokens[2], theirs))!.Status);

            // A link nobody saved anything with.
            var untouched = (await FindBothWaysAsync(db, tokens[0], theirs))!;
            Assert.Equal((null, false, false), (untouched.Draft, untouched.HasStoredDraft, untouched.SubmittedHere));

            var gone = (await FindBothWaysAsync(db, tokens[3], mine))!;
            Assert.Equal((LinkStatus.Closed, closed.ClosedAt), (gone.Status, gone.Assessment.ClosedAt));
            Assert.True((await FindBothWaysAsync(db, tokens[2], mine))!.Plan.ItemCount < resumed.Plan.ItemCount); // quick form
            Assert.Null(await FindBothWaysAsync(db, tokens[4], mine)); // assessment not opened yet
            Assert.Null(await FindBothWaysAsync(db, tokens[5], mine)); // unknown
            Assert.Null(await FindBothWaysAsync(db, "not-a-token", mine));
        }
    }

    // A node looks a link up from its token alone the first time, then (knowing the token's invitation) in one statement
    // with the browser's draft: both ways must read the same.
    private static async Task<SurveyLink?> FindBothWaysAsync(AppDbContext db, string token, string secret)
    {
        SurveyLink.ForgetKnownLinks();
        var first = await SurveyLink.FindAsync(db, token, secret, CancellationToken.None);
        var again = await SurveyLink.FindAsync(db, token, secret, CancellationToken.None);
        Assert.Equal(Describe(first), Describe(again));
        return again;
    }

    private static string Describe(SurveyLink? link) => link is null ? "none" : string.Join(" | ",
        link.Token, link.BrowserId, link.Invitation.Id, link.Invitation.AssessmentId, link.Invitation.Role, link.Invitation.Team, link.Invitation.State,
        link.Invitation.HandedToAdmin, link.Invitation.OpenedBySignedInMemberAt?.Ticks, link.Invitation.AttributesJson,
        link.Assessment.OrganizationId, link.Assessment.Name, link.Assessment.Status, link.Assessment.CloseDate, link.Assessment.ClosedAt?.Ticks,
        link.Assessment.QuickForm, link.Assessment.Uploaded, link.Assessment.InstrumentJson, link.Assessment.MinimumGroupSize,
        link.Organization.Id, link.Organization.Name, link.Organization.MinimumGroupSize,
        link.Draft is { } d ? $"{Convert.ToHexString(d.Answers)} {d.Comment} {d.Page}" : "no draft", link.HasStoredDraft, link.SubmittedHere, link.Status);

    [Fact]
    public async Task AWrongGuessOfTheInvitationFindsNothingOfIt()
    {
        // The node's memory of which invitation a token leads to is only a guess: the statement checks the token. A
        // guess pointing at another invitation (of another organization) or at one since removed finds the link's own.
        var organization = new Organization { Name = "Guess Co" };
        var other = new Organization { Name = "Other Co" };
        var assessment = new Assessment { OrganizationId = organization.Id, Name = "Ours", Status = AssessmentStatus.Open };
        var theirs = new Assessment { OrganizationId = other.Id, Name = "Theirs", Status = AssessmentStatus.Open };
        var token = Tokens.New();
        var reminderToken = Tokens.New();
        var ours = new Invitation { AssessmentId = assessment.Id, TokenHash = Tokens.Hash(token), Role = "seller", Team = "North" };
        var foreign = new Invitation { AssessmentId = theirs.Id, TokenHash = Tokens.Hash(Tokens.New()), Role = "leader", Team = "South" };
        var secret = DraftSeal.NewBrowserSecret();
        var foreignDraft = new SurveyDraft { InvitationId = foreign.Id, BrowserId = DraftSeal.BrowserId(secret, foreign.Id), Sealed = DraftSeal.Seal(secret, foreign.Id, new DraftContent([1, 2, 3], "theirs", 3)) };
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.AddRange(organization, other, assessment, theirs, ours, foreign, foreignDraft, new InvitationToken { TokenHash = Tokens.Hash(reminderToken), InvitationId = ours.Id });
        await db.SaveChangesAsync();

        foreach (var link in new[] { token, reminderToken })
        {
            foreach (var guess in new[] { foreign.Id, Guid.NewGuid() })
            {
                SurveyLink.Remember(Tokens.Hash(link), secret, guess);
                var found = (await SurveyLink.FindAsync(db, link, secret, CancellationToken.None))!;
                Assert.Equal((ours.Id, "Ours", "Guess Co", null), (found.Invitation.Id, found.Assessment.Name, found.Organization.Name, found.Draft));
                Assert.False(found.HasStoredDraft);

                // And the node now knows the right one.
                Assert.Equal(Describe(found), Describe(await SurveyLink.FindAsync(db, link, secret, CancellationToken.None)));
            }
        }

        // A token that leads nowhere finds nothing, whatever the node guessed for it.
        var unknown = Tokens.New();
        SurveyLink.Remember(Tokens.Hash(unknown), secret, foreign.Id);
        Assert.Null(await SurveyLink.FindAsync(db, unknown, secret, CancellationToken.None));
    }

    [Fact]
    public async Task WhatANodeKnowsOfALinkIsKnownOnlyForTheBrowserThatOpenedIt()
    {
        // A page served from what the node knows is faster. Were that known for the link alone, whoever else holds the
        // link (an admin it was handed to) could tell by timing their first page whether someone had opened it.
        var organization = new Organization { Name = "Timing Co" };
        var assessment = new Assessment { OrganizationId = organization.Id, Name = "Open", Status = AssessmentStatus.Open };
        var token = Tokens.New();
        var invitation = new Invitation { AssessmentId = assessment.Id, TokenHash = Tokens.Hash(token), Role = "seller", Team = "North" };
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.AddRange(organization, assessment, invitation);
        await db.SaveChangesAsync();

        var respondent = DraftSeal.NewBrowserSecret();
        var holder = DraftSeal.NewBrowserSecret();
        Assert.NotNull(await SurveyLink.FindAsync(db, token, respondent, CancellationToken.None));
        Assert.True(SurveyLink.Knows(Tokens.Hash(token), respondent));
        Assert.False(SurveyLink.Knows(Tokens.Hash(token), holder));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheLookupFindsALinkThroughIndexesWithoutReadingEveryInvitation(bool known)
    {
        // The plan, not a timing: a scan of the invitations grows with every invitation ever sent, on every survey request.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        var hash = command.CreateParameter();
        hash.ParameterName = "hash";
        hash.Value = Tokens.Hash(Tokens.New());
        command.Parameters.Add(hash);
        if (known)
        {
            command.Parameters.Add(db.GetService<IRelationalTypeMappingSource>().FindMapping(typeof(Guid))!.CreateParameter(command, "invitation", Guid.NewGuid()));
            var browser = command.CreateParameter();
            browser.ParameterName = "browser";
            browser.Value = new string('a', 64);
            command.Parameters.Add(browser);
        }

        var postgres = db.Database.IsNpgsql();
        if (postgres)
        {
            // On a test's few rows PostgreSQL would read small tables whole anyway; with sequential scans priced out,
            // it still reads one only where no index can serve the query.
            command.CommandText = "SET enable_seqscan = off";
            await command.ExecuteNonQueryAsync();
        }

        command.CommandText = (postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + (known ? SurveyLink.KnownLinkSql : SurveyLink.LookupSql);
        var plan = new List<string>();
        await using (var row = await command.ExecuteReaderAsync())
        {
            while (await row.ReadAsync())
            {
                plan.Add(row.GetString(row.FieldCount - 1));
            }
        }

        if (postgres)
        {
            command.CommandText = "RESET enable_seqscan";
            await command.ExecuteNonQueryAsync();
        }

        await db.Database.CloseConnectionAsync();
        Assert.Contains(plan, line => line.Contains("Invitations", StringComparison.Ordinal));
        if (postgres)
        {
            // Every read of the invitations, tokens and drafts goes through an index condition (a key or a token hash),
            // never a filter over all of them, whether by a sequential scan or by walking a whole index.
            var reads = plan.Select((line, i) => (line, i)).Where(l => l.line.Contains(" on \"", StringComparison.Ordinal)).ToList();
            Assert.Contains(reads, read => read.line.Contains("on \"Invitations\"", StringComparison.Ordinal));
            Assert.All(reads, read => Assert.Matches(@"^\s*(Index|Recheck) Cond: ", plan[read.i + 1]));
        }
        else
        {
            Assert.DoesNotContain(plan, line => line.StartsWith("SCAN ", StringComparison.Ordinal));
        }
    }
}
