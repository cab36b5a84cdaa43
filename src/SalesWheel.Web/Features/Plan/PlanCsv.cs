using System.Globalization;
using System.Text;
using SalesWheel.Core.Exports;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.Plan;

/// <summary>The action plan as a CSV file (the plan page's download and the API's), every text cell defused by <see cref="CsvCells"/>.</summary>
public static class PlanCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public const string FileName = "saleswheel-action-plan.csv";

    public static readonly string[] Columns =
        ["title", "driver", "facet", "owner", "due date", "status", "overdue", "notes", "playbook action", "assessment id", "created (UTC)", "updated (UTC)", "done (UTC)"];

    /// <summary>The file's bytes: UTF-8 with a byte order mark (so spreadsheet programs read accents right), CRLF line ends.</summary>
    public static byte[] Write(IEnumerable<PlannedAction> actions, DateOnly today)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', Columns)).Append("\r\n");
        foreach (var action in actions)
        {
            string[] cells =
            [
                CsvCells.Quoted(action.Title),
                CsvCells.Quoted(ActionPlan.DriverName(action.Driver)),
                CsvCells.Quoted(ActionPlan.FacetName(action.Driver, action.Facet) ?? ""),
                CsvCells.Quoted(action.OwnerName),
                action.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                action.Status.Code(),
                ActionPlan.IsOverdue(action, today) ? "yes" : "no",
                CsvCells.Quoted(action.Notes),
                CsvCells.Quoted(action.PlaybookActionId ?? ""),
                action.AssessmentId?.ToString() ?? "",
                Utc(action.CreatedAt),
                Utc(action.UpdatedAt),
                action.DoneAt is { } done ? Utc(done) : "",
            ];
            text.Append(string.Join(',', cells)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Utc(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
