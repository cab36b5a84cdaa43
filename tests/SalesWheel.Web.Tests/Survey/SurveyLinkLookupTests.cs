using Microsoft.EntityFrameworkCore;
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
        var open = new Assessment { OrganizationId = organization.Id, Name = "Open, full form, closes 31 Dec", Status = AssessmentStatus.Open, CloseDate = new DateOnly(2099, 12, 31) };
        var quick = new Assessment { OrganizationId = organization.Id, Name = "Quick form", Status = AssessmentStatus.Open, QuickForm = true };
        var closed = new Assessment
        {
            OrganizationId = organization.Id, Name = "Closed", Status = AssessmentStatus.Closed,
            ClosedAt = new DateTime(2026, 3, 4, 23, 59, 58, 123, DateTimeKind.Utc).AddTicks(4567), CloseDate = new DateOnly(2026, 3, 5),
        };
        var draftAssessment = new Assessment { OrganizationId = organization.Id, Name = "Not opened", Status = AssessmentStatus.Draft };
        var tokens = Enumerable.Range(0, 6).Select(_ => Tokens.New()).ToArray();
        Invitation Invite(Assessment a, int t, string role, string team, InvitationState state) =>
            new() { AssessmentId = a.Id, TokenHash = Tokens.Hash(tokens[t]), Role = role, Team = team, State = state };
        var fresh = Invite(open, 0, "seller", "Mid-Market", InvitationState.Invited);
        var started = Invite(open, 1, "manager", "Enterprise — Zürich", InvitationState.Started);
        var submitted = Invite(quick, 2, "leader", "Leadership", InvitationState.Submitted);
        var late = Invite(closed, 3, "ops & enablement", "RevOps", InvitationState.Started);
        var notOpened = Invite(draftAssessment, 4, "seller", "North", InvitationState.Invited);
        var draft = new SurveyDraft
        {
            InvitationId = started.Id, Answers = [5, 0, 3, 1, 2], Comment = "Line one\nline two, with 'quotes' and ünïcode",
            Page = 4, UpdatedAt = new DateTime(2026, 11, 27, 8, 30, 1, 250, DateTimeKind.Utc),
        };
        var lateDraft = new SurveyDraft { InvitationId = late.Id, Answers = [1], Comment = null, Page = 1 };
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.AddRange(organization, open, quick, closed, draftAssessment, fresh, started, submitted, late, notOpened, draft, lateDraft);
            await db.SaveChangesAsync();
        }

        foreach (var (token, invitation) in new[] { (tokens[0], fresh), (tokens[1], started), (tokens[2], submitted), (tokens[3], late) })
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var link = await SurveyLink.FindAsync(db, token, CancellationToken.None);
            Assert.NotNull(link);

            // What EF itself reads back from the database, entity by entity.
            var storedInvitation = await db.Invitations.AsNoTracking().SingleAsync(i => i.Id == invitation.Id);
            var storedAssessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == storedInvitation.AssessmentId);
            var storedOrganization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == storedAssessment.OrganizationId);
            var storedDraft = await db.SurveyDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.InvitationId == invitation.Id);

            Assert.Equal(token, link.Token);
            Assert.Equal(
                (storedInvitation.Id, storedInvitation.AssessmentId, storedInvitation.TokenHash, storedInvitation.Role, storedInvitation.Team, storedInvitation.State),
                (link.Invitation.Id, link.Invitation.AssessmentId, link.Invitation.TokenHash, link.Invitation.Role, link.Invitation.Team, link.Invitation.State));
            Assert.Equal(
                (storedAssessment.Id, storedAssessment.OrganizationId, storedAssessment.Name, storedAssessment.Status, storedAssessment.CloseDate, storedAssessment.ClosedAt,
                    storedAssessment.QuickForm, storedAssessment.Uploaded, storedAssessment.InstrumentJson),
                (link.Assessment.Id, link.Assessment.OrganizationId, link.Assessment.Name, link.Assessment.Status, link.Assessment.CloseDate, link.Assessment.ClosedAt,
                    link.Assessment.QuickForm, link.Assessment.Uploaded, link.Assessment.InstrumentJson));
            Assert.Equal((storedOrganization.Id, storedOrganization.Name, storedOrganization.MinimumGroupSize), (link.Organization.Id, link.Organization.Name, link.Organization.MinimumGroupSize));
            Assert.Equal(storedDraft is null, link.Draft is null);
            if (storedDraft is not null)
            {
                Assert.Equal(storedDraft.Answers, link.Draft!.Answers);
                Assert.Equal((storedDraft.InvitationId, storedDraft.Comment, storedDraft.Page, storedDraft.UpdatedAt), (link.Draft.InvitationId, link.Draft.Comment, link.Draft.Page, link.Draft.UpdatedAt));
            }
        }

        // And against what was written, so a column read into the wrong field cannot pass by reading both sides wrong.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var resumed = (await SurveyLink.FindAsync(db, tokens[1], CancellationToken.None))!;
            Assert.Equal(("manager", "Enterprise — Zürich", InvitationState.Started, LinkStatus.Open), (resumed.Invitation.Role, resumed.Invitation.Team, resumed.Invitation.State, resumed.Status));
            Assert.Equal((organization.Name, 7, 7), (resumed.Organization.Name, resumed.Organization.MinimumGroupSize, resumed.MinimumGroupSize));
            Assert.Equal((open.Name, new DateOnly(2099, 12, 31), false), (resumed.Assessment.Name, resumed.Assessment.CloseDate, resumed.Assessment.QuickForm));
            Assert.Equal((byte[])[5, 0, 3, 1, 2], resumed.Draft!.Answers);
            Assert.Equal((draft.Comment, 4), (resumed.Draft.Comment, resumed.Draft.Page));
            Assert.Equal(LinkStatus.Submitted, (await SurveyLink.FindAsync(db, tokens[2], CancellationToken.None))!.Status);
            var gone = (await SurveyLink.FindAsync(db, tokens[3], CancellationToken.None))!;
            Assert.Equal((LinkStatus.Closed, closed.ClosedAt), (gone.Status, gone.Assessment.ClosedAt));
            Assert.True((await SurveyLink.FindAsync(db, tokens[2], CancellationToken.None))!.Plan.ItemCount < resumed.Plan.ItemCount); // quick form
            Assert.Null(await SurveyLink.FindAsync(db, tokens[4], CancellationToken.None)); // assessment not opened yet
            Assert.Null(await SurveyLink.FindAsync(db, tokens[5], CancellationToken.None)); // unknown
            Assert.Null(await SurveyLink.FindAsync(db, "not-a-token", CancellationToken.None));
        }
    }
}
