using System.Net;
using SalesWheel.Core.Actions;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Assessments;

namespace SalesWheel.Web.Tests.Plan;

public sealed class PlanPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AnAdminAddsEditsAndRemovesAnActionAndEachChangeIsAudited()
    {
        var (owner, org) = await app.NewOrganization("Plan Pages Co");

        var added = await owner.PostForm("/plan/new", PlanKit.Fields("  Weekly pipeline review ", "operations", "visibility", ownerName: " Dana from RevOps ", due: "2030-03-31", notes: "Start in March."));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("/plan", added.Headers.Location?.ToString());
        var action = Assert.Single(app.ActionsOf(org));
        Assert.Equal(("Weekly pipeline review", "operations", "visibility", null, "Dana from RevOps", new DateOnly(2030, 3, 31), PlannedActionStatus.Planned),
            (action.Title, action.Driver, action.Facet, action.OwnerUserId, action.OwnerName, action.DueDate, action.Status));

        // Post/Redirect/Get: the page after the redirect, loaded again, adds nothing.
        var plan = await owner.GetPage("/plan");
        Assert.Contains("\"Weekly pipeline review\" was added to the plan.", Html.Parse(plan).DocumentElement.Text());
        await owner.GetPage("/plan");
        Assert.Single(app.ActionsOf(org));
        var row = PlanKit.PlanRows(plan)["Weekly pipeline review"];
        Assert.Equal("Operations / Visibility", row["Driver"].Text());
        Assert.Equal("Dana from RevOps", row["Owner"].Text());
        Assert.Equal("Planned", row["Status"].Text());

        var edit = Html.Parse(await owner.GetPage($"/plan/{action.Id}/edit"));
        Assert.Equal("Weekly pipeline review", PlanKit.Typed(edit, "Form.Title"));
        Assert.Equal("visibility", PlanKit.Typed(edit, "Form.Facet"));
        Assert.Equal("Dana from RevOps", PlanKit.Typed(edit, "Form.OwnerName"));
        Assert.Equal("2030-03-31", PlanKit.Typed(edit, "Form.DueDate"));

        var edited = await owner.PostForm($"/plan/{action.Id}/edit", PlanKit.Fields("Weekly pipeline review", "operations", "visibility", ownerName: "Dana from RevOps", due: "2030-03-31", status: "done", notes: "Start in March."));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        action = Assert.Single(app.ActionsOf(org));
        Assert.Equal(PlannedActionStatus.Done, action.Status);
        Assert.NotNull(action.DoneAt);
        Assert.True(action.UpdatedAt >= action.CreatedAt);

        var confirm = Html.Parse(await owner.GetPage($"/plan/{action.Id}/remove"));
        Assert.Equal("Remove “Weekly pipeline review”?", confirm.One("h1").Text());
        Assert.Single(app.ActionsOf(org)); // the confirmation page alone removes nothing
        var removed = await owner.PostForm($"/plan/{action.Id}/remove", []);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty(app.ActionsOf(org));

        var audit = app.Audit(org);
        Assert.Contains("action added: \"Weekly pipeline review\", Operations / Visibility, owner Dana from RevOps, due 2030-03-31, planned", audit);
        Assert.Contains("action changed: \"Weekly pipeline review\": status: planned → done", audit);
        Assert.Contains("action removed: \"Weekly pipeline review\", Operations / Visibility, owner Dana from RevOps, due 2030-03-31, done", audit);
    }

    [Fact]
    public async Task ThePlanPagesNeedSigningIn()
    {
        foreach (var url in new[] { "/plan", "/plan/new", "/plan/actions.csv", $"/plan/{Guid.NewGuid()}/edit", $"/plan/{Guid.NewGuid()}/remove" })
        {
            var response = await app.Browser().GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/signin", new Uri(new Uri("https://localhost"), response.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheNewActionFormIsPrefilledFromAPlaybookActionAndKeepsWhereItCameFrom()
    {
        var (owner, org) = await app.NewOrganization("Prefill Co");
        var assessment = await owner.CreateAssessment("Spring wave");
        var playbook = Playbook.BuiltIn.ForFacet("enablement", "coaching").First();

        var url = $"/plan/new?driver=enablement&facet=coaching&action={playbook.Id}&assessment={assessment}";
        var form = Html.Parse(await owner.GetPage(url));
        Assert.Equal(playbook.Title, PlanKit.Typed(form, "Form.Title"));
        Assert.Equal("enablement", PlanKit.Typed(form, "Form.Driver"));
        Assert.Equal("coaching", PlanKit.Typed(form, "Form.Facet"));
        Assert.Equal(playbook.Id, PlanKit.Typed(form, "Form.PlaybookAction"));
        Assert.Equal(assessment.ToString(), PlanKit.Typed(form, "Form.Assessment"));
        Assert.Equal("From the playbook: " + playbook.Title, form.One("[data-playbook-action] h2").Text());

        // A driver and facet alone prefill those two.
        var fromPriority = Html.Parse(await owner.GetPage("/plan/new?driver=structure&facet=roles"));
        Assert.Equal(("structure", "roles", ""), (PlanKit.Typed(fromPriority, "Form.Driver"), PlanKit.Typed(fromPriority, "Form.Facet"), PlanKit.Typed(fromPriority, "Form.Title")));

        var response = await owner.PostForm(url, PlanKit.Fields(playbook.Title, "enablement", "coaching", playbookAction: playbook.Id, assessment: assessment.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var action = Assert.Single(app.ActionsOf(org));
        Assert.Equal((playbook.Id, assessment), (action.PlaybookActionId, action.AssessmentId));
    }

    [Fact]
    public async Task AFormWithMistakesSaysWhatIsWrongNextToEachFieldAndKeepsWhatWasTyped()
    {
        var (owner, org) = await app.NewOrganization("Mistakes Co");

        var response = await owner.PostForm("/plan/new", PlanKit.Fields("", "enablement", "territory-design", ownerName: "Sam", due: "31/03/2030", notes: "Keep me"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal("Say what will be done, in a short title.", Members.MemberSteps.FieldError(page, "Form.Title"));
        Assert.StartsWith("\"territory-design\" is not a facet of Enablement", Members.MemberSteps.FieldError(page, "Form.Facet"), StringComparison.Ordinal);
        Assert.StartsWith("\"31/03/2030\" is not a date", Members.MemberSteps.FieldError(page, "Form.DueDate"), StringComparison.Ordinal);
        var form = Html.Parse(page);
        Assert.Equal("Sam", PlanKit.Typed(form, "Form.OwnerName"));
        Assert.Equal("31/03/2030", PlanKit.Typed(form, "Form.DueDate"));
        Assert.Equal("Keep me", PlanKit.Typed(form, "Form.Notes"));
        Assert.Equal("enablement", PlanKit.Typed(form, "Form.Driver"));
        Assert.Empty(app.ActionsOf(org));
    }

    [Fact]
    public async Task AViewerReadsThePlanAndItsCsvButCannotChangeIt()
    {
        var (owner, org) = await app.NewOrganization("Viewer Plan Co");
        await owner.PostForm("/plan/new", PlanKit.Fields("Hire two SDRs", "talent-management", "recruiting"));
        var action = Assert.Single(app.ActionsOf(org));
        var (viewer, _, _) = await app.Member(owner, "Viewer", "Vera Viewer");

        var plan = await viewer.GetPage("/plan");
        Assert.Contains("Hire two SDRs", PlanKit.PlanRows(plan).Keys);
        Assert.Empty(Html.Parse(plan).QuerySelectorAll("a[href='/plan/new'], a[href$='/edit'], a[href$='/remove']"));
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/plan/actions.csv")).StatusCode);

        var token = Html.Antiforgery(await viewer.GetPage("/plan"));
        await viewer.AssertForbidden(await viewer.GetAsync("/plan/new"));
        await viewer.AssertForbidden(await viewer.PostForm("/plan/new", token, PlanKit.Fields("Mine now", "strategy")));
        await viewer.AssertForbidden(await viewer.GetAsync($"/plan/{action.Id}/edit"));
        await viewer.AssertForbidden(await viewer.PostForm($"/plan/{action.Id}/edit", token, PlanKit.Fields("Mine now", "strategy")));
        await viewer.AssertForbidden(await viewer.GetAsync($"/plan/{action.Id}/remove"));
        await viewer.AssertForbidden(await viewer.PostForm($"/plan/{action.Id}/remove", token, []));
        Assert.Equal("Hire two SDRs", Assert.Single(app.ActionsOf(org)).Title);
    }

    [Fact]
    public async Task AnotherOrganizationsActionAnswers404OnEveryPlanPage()
    {
        var (them, theirOrg) = await app.NewOrganization("Their Plan Co");
        await them.PostForm("/plan/new", PlanKit.Fields("Their secret plan", "strategy"));
        var theirs = Assert.Single(app.ActionsOf(theirOrg));
        var theirAssessment = await them.CreateAssessment("Their wave");
        var (us, ourOrg) = await app.NewOrganization("Our Plan Co");
        var token = Html.Antiforgery(await us.GetPage("/plan"));

        Assert.Equal(HttpStatusCode.NotFound, (await us.GetAsync($"/plan/{theirs.Id}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await us.PostForm($"/plan/{theirs.Id}/edit", token, PlanKit.Fields("Taken over", "strategy"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await us.GetAsync($"/plan/{theirs.Id}/remove")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await us.PostForm($"/plan/{theirs.Id}/remove", token, [])).StatusCode);
        Assert.DoesNotContain("Their secret plan", await us.GetPage("/plan"), StringComparison.Ordinal);
        Assert.DoesNotContain("Their secret plan", await (await us.GetAsync("/plan/actions.csv")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Their assessment cannot be named as where our action came from.
        var linked = await us.PostForm("/plan/new", PlanKit.Fields("Ours", "strategy", assessment: theirAssessment.ToString()));
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        Assert.StartsWith("There is no such assessment in your organization", Members.MemberSteps.FieldError(await linked.Content.ReadAsStringAsync(), "Form.Assessment"), StringComparison.Ordinal);
        Assert.Empty(app.ActionsOf(ourOrg));
        Assert.Equal("Their secret plan", Assert.Single(app.ActionsOf(theirOrg)).Title);
    }

    [Fact]
    public async Task ThePlanFiltersByDriverOwnerAndStatusFromTheQuery()
    {
        var (owner, _) = await app.NewOrganization("Filter Co");
        var (_, adminId, _) = await app.Member(owner, "Admin", "Ada Admin");
        await owner.PostForm("/plan/new", PlanKit.Fields("Coach live calls", "enablement", "coaching", ownerMember: adminId));
        await owner.PostForm("/plan/new", PlanKit.Fields("Write the call plan", "enablement", "method", ownerName: "Sam", status: "in-progress"));
        await owner.PostForm("/plan/new", PlanKit.Fields("Fix the territories", "structure", "territory-design", ownerMember: adminId, status: "done"));

        async Task<string[]> Shown(string query) => [.. PlanKit.PlanRows(await owner.GetPage("/plan" + query)).Keys.Order(StringComparer.Ordinal)];

        Assert.Equal(["Coach live calls", "Fix the territories", "Write the call plan"], await Shown(""));
        Assert.Equal(["Coach live calls", "Write the call plan"], await Shown("?driver=enablement"));
        Assert.Equal(["Coach live calls", "Fix the territories"], await Shown("?owner=" + Uri.EscapeDataString(adminId)));
        Assert.Equal(["Write the call plan"], await Shown("?owner=Sam"));
        Assert.Equal(["Fix the territories"], await Shown("?status=done"));
        Assert.Equal(["Coach live calls"], await Shown($"?driver=enablement&owner={Uri.EscapeDataString(adminId)}&status=planned"));
        Assert.Empty(await Shown("?driver=training"));

        // The filter form shows what is applied, and the owners to choose from.
        var page = Html.Parse(await owner.GetPage("/plan?driver=enablement&status=in-progress"));
        Assert.Equal("enablement", PlanKit.Typed(page, "driver"));
        Assert.Equal("in-progress", PlanKit.Typed(page, "status"));
        Assert.Equal(["Everyone", "Ada Admin", "Sam"], page.Texts("select[name='owner'] option"));
    }

    [Fact]
    public async Task AnActionPastItsDueDateThatIsNotFinishedIsMarkedOverdueInWords()
    {
        var (owner, _) = await app.NewOrganization("Overdue Co");
        await owner.PostForm("/plan/new", PlanKit.Fields("Late and open", "training", due: "2020-01-31", status: "in-progress"));
        await owner.PostForm("/plan/new", PlanKit.Fields("Late but done", "training", due: "2020-01-31", status: "done"));
        await owner.PostForm("/plan/new", PlanKit.Fields("Late but dropped", "training", due: "2020-01-31", status: "dropped"));
        await owner.PostForm("/plan/new", PlanKit.Fields("Due later", "training", due: "2099-12-31"));
        await owner.PostForm("/plan/new", PlanKit.Fields("No date", "training"));

        var page = await owner.GetPage("/plan");
        var rows = PlanKit.PlanRows(page);
        Assert.Equal("31 Jan 2020 Overdue", rows["Late and open"]["Due"].Text());
        Assert.Equal("true", rows["Late and open"]["Due"].ParentElement!.GetAttribute("data-overdue"));
        foreach (var title in new[] { "Late but done", "Late but dropped", "Due later", "No date" })
        {
            Assert.DoesNotContain("Overdue", rows[title]["Due"].Text(), StringComparison.Ordinal);
            Assert.Equal("false", rows[title]["Due"].ParentElement!.GetAttribute("data-overdue"));
        }

        Assert.Equal("5 actions, 1 overdue", Html.Parse(page).One("table caption").Text());
    }

    [Fact]
    public async Task AMemberGivenAnActionGetsAnEmailOnceAndANameTypedInGetsNone()
    {
        var (owner, org) = await app.NewOrganization("Email Plan Co");
        var (_, adminId, adminEmail) = await app.Member(owner, "Admin", "Ada Admin");
        var before = app.Mailbox(adminEmail).Count;

        await owner.PostForm("/plan/new", PlanKit.Fields("Coach live calls", "enablement", "coaching", ownerMember: adminId, due: "2030-06-30"));
        var mail = app.Mailbox(adminEmail).Skip(before).ToList();
        var body = Assert.Single(mail);
        Assert.Contains("made you the owner of an action in Email Plan Co's action plan", body, StringComparison.Ordinal);
        Assert.Contains("Coach live calls", body, StringComparison.Ordinal);
        Assert.Contains("About: Enablement / Sales Management and Coaching", body, StringComparison.Ordinal);
        Assert.Contains("Due: Sunday 30 June 2030", body, StringComparison.Ordinal);
        Assert.Contains("https://localhost/plan?owner=", body, StringComparison.Ordinal);

        // A change that keeps the owner sends nothing more; a name typed in is nobody to email.
        var action = Assert.Single(app.ActionsOf(org));
        await owner.PostForm($"/plan/{action.Id}/edit", PlanKit.Fields("Coach live calls", "enablement", "coaching", ownerMember: adminId, due: "2030-06-30", status: "in-progress"));
        await owner.PostForm("/plan/new", PlanKit.Fields("Someone else's", "enablement", ownerName: "Ada Admin"));
        Assert.Single(app.Mailbox(adminEmail).Skip(before));
    }

    [Fact]
    public async Task TheCsvDownloadDefusesAFormulaLikeTitleAndFollowsTheFilters()
    {
        var (owner, _) = await app.NewOrganization("Csv Plan Co");
        await owner.PostForm("/plan/new", PlanKit.Fields("=HYPERLINK(\"http://evil.example\",\"Click\")", "strategy", ownerName: "+Sam", notes: "fine; -then @this"));
        await owner.PostForm("/plan/new", PlanKit.Fields("Plain one", "structure"));

        var response = await owner.GetAsync("/plan/actions.csv?driver=strategy");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("title,driver,facet,owner,due date,status,overdue,notes,playbook action,assessment id,created (UTC),updated (UTC),done (UTC)", lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.StartsWith("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\",Strategy,,'+Sam,,planned,no,\"fine; '-then @this\"", row, StringComparison.Ordinal);
    }
}
