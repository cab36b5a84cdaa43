using System.Globalization;
using System.Text;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>One person's personal survey link, known only at the moment it is made (the database keeps its hash).</summary>
public sealed record InvitationLink(string Name, string Email, string Team, string Role, string Link);

/// <summary>
/// The CSV of links written to the outbox folder after opening and after each reminder: the only copy of the links
/// besides the emails themselves, so an admin without SMTP can hand them out.
/// </summary>
public static class InvitationLinks
{
    public static string FileName(Guid assessmentId, DateTime at) =>
        $"links-{assessmentId}-{at.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}.csv";

    /// <summary>Writes the links; a second batch in the same second gets the next free second, so names keep their order.</summary>
    public static async Task<string> WriteAsync(string outboxFolder, Guid assessmentId, IReadOnlyList<InvitationLink> links, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(outboxFolder);
        var at = DateTime.UtcNow;
        var path = Path.Combine(outboxFolder, FileName(assessmentId, at));
        while (File.Exists(path))
        {
            at = at.AddSeconds(1);
            path = Path.Combine(outboxFolder, FileName(assessmentId, at));
        }

        var csv = new StringBuilder("name,email,team,role,link\r\n");
        foreach (var link in links)
        {
            csv.AppendJoin(',', Cell(link.Name), Cell(link.Email), Cell(link.Team), Cell(link.Role), Cell(link.Link)).Append("\r\n");
        }

        // With a byte order mark so spreadsheet programs read names with accents correctly.
        await File.WriteAllTextAsync(path, csv.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), cancellationToken);
        return path;
    }

    /// <summary>The newest links file of an assessment, or null when none was written.</summary>
    public static string? Latest(string outboxFolder, Guid assessmentId)
    {
        if (!Directory.Exists(outboxFolder))
        {
            return null;
        }

        // The timestamp in the name is fixed-width, so ordinal order is time order.
        return Directory.EnumerateFiles(outboxFolder, $"links-{assessmentId}-*.csv")
            .Where(p => Path.GetFileName(p).Length == FileName(assessmentId, DateTime.UnixEpoch).Length)
            .OrderByDescending(p => Path.GetFileName(p), StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>The product's one CSV cell guard: defuses formulas (a name like "=HYPERLINK(…)"), quotes when needed.</summary>
    public static string Cell(string value) => Core.Exports.CsvCells.Quoted(value);

    public static InvitationLink For(Person person, string link) => new(person.Name, person.Email, person.Team, PersonRoles.Text(person.Role), link);
}
