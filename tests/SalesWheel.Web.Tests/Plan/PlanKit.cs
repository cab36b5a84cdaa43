using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Members;

namespace SalesWheel.Web.Tests.Plan;

/// <summary>Members, forms and readings for the action plan tests.</summary>
internal static class PlanKit
{
    /// <summary>The fields of the new and edit forms, as a browser posts them.</summary>
    public static List<KeyValuePair<string, string>> Fields(
        string title, string driver, string facet = "", string ownerMember = "", string ownerName = "", string due = "", string status = "planned",
        string notes = "", string playbookAction = "", string assessment = "") =>
    [
        new("Form.Title", title), new("Form.Driver", driver), new("Form.Facet", facet), new("Form.OwnerMember", ownerMember),
        new("Form.OwnerName", ownerName), new("Form.DueDate", due), new("Form.Status", status), new("Form.Notes", notes),
        new("Form.PlaybookAction", playbookAction), new("Form.Assessment", assessment),
    ];

    /// <summary>A member of the owner's organization with the role, who joined from the emailed invitation: their browser and user id.</summary>
    public static async Task<(HttpClient Client, string UserId, string Email)> Member(this AppFactory app, HttpClient owner, string role, string name)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        await owner.Invite(email, role);
        var client = await MemberSteps.Join(app, MemberSteps.JoinLinkFromOutbox(app, email), name);
        return (client, app.Service(db => db.Users.Single(u => u.Email == email).Id), email);
    }

    public static List<PlannedAction> ActionsOf(this AppFactory app, Guid organizationId) =>
        app.Service(db => db.PlannedActions.AsNoTracking().Where(a => a.OrganizationId == organizationId).ToList());

    public static List<string> Audit(this AppFactory app, Guid organizationId) =>
        app.Service(db => db.AuditEntries.Where(a => a.OrganizationId == organizationId).OrderBy(a => a.Id).Select(a => a.Action + ": " + a.Detail).ToList());

    /// <summary>The plan's rows (Action, Driver, Owner, Due, Status) by the action's title; empty when the page has no table.</summary>
    public static Dictionary<string, Dictionary<string, IHtmlTableCellElement>> PlanRows(string page)
    {
        var tables = Html.Parse(page).QuerySelectorAll("table").OfType<IHtmlTableElement>().ToList();
        return tables.Count == 0
            ? []
            : Assert.Single(tables).Rows().ToDictionary(r => r["Action"].ChildNodes.OfType<IText>().First().Data.Trim());
    }

    /// <summary>What a form field shows, as typed.</summary>
    public static string? Typed(IDocument form, string field) => form.One($"[name='{field}']") switch
    {
        IHtmlSelectElement select => select.Options.FirstOrDefault(o => o.IsSelected)?.Value,
        IHtmlTextAreaElement area => area.Value,
        var input => input.GetAttribute("value"),
    };
}
