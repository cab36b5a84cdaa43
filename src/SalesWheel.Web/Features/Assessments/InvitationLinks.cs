using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>One person's personal survey link, known only at the moment it is made (the database keeps its hash).</summary>
public sealed record InvitationLink(string Name, string Email, string Team, string Role, string Link);

/// <summary>
/// The CSV of links kept after opening and after each reminder when links reach the admin: the only copy of the links
/// besides the emails themselves, so an admin without SMTP can hand them out. Kept in the database (sealed with the
/// submission key), so every web node serves it.
/// </summary>
public static class InvitationLinks
{
    private const string Purpose = "links file";

    public static string FileName(Guid assessmentId, DateTime at) =>
        $"links-{assessmentId}-{at.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}.csv";

    /// <summary>Keeps the links; a second batch in the same second gets the next free second, so names keep their order. Returns the file's name.</summary>
    public static async Task<string> WriteAsync(AppDbContext db, SubmissionSeal seal, Guid assessmentId, IReadOnlyList<InvitationLink> links, CancellationToken cancellationToken = default)
    {
        var at = DateTime.UtcNow;
        var name = FileName(assessmentId, at);
        while (await db.LinksFiles.AnyAsync(f => f.AssessmentId == assessmentId && f.Name == name, cancellationToken))
        {
            at = at.AddSeconds(1);
            name = FileName(assessmentId, at);
        }

        var csv = new StringBuilder("name,email,team,role,link\r\n");
        foreach (var link in links)
        {
            csv.AppendJoin(',', Cell(link.Name), Cell(link.Email), Cell(link.Team), Cell(link.Role), Cell(link.Link)).Append("\r\n");
        }

        // With a byte order mark so spreadsheet programs read names with accents correctly.
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        db.LinksFiles.Add(new LinksFile { AssessmentId = assessmentId, Name = name, Sealed = seal.SealSecret(Purpose, bytes) });
        await db.SaveChangesAsync(cancellationToken);
        return name;
    }

    /// <summary>Whether links were kept for the assessment.</summary>
    public static Task<bool> AnyAsync(AppDbContext db, Guid assessmentId, CancellationToken cancellationToken = default) =>
        db.LinksFiles.AnyAsync(f => f.AssessmentId == assessmentId, cancellationToken);

    /// <summary>The newest links file of an assessment (name and CSV), or null when none was kept or it does not open with this key.</summary>
    public static async Task<(string Name, byte[] Csv)?> LatestAsync(AppDbContext db, SubmissionSeal seal, Guid assessmentId, CancellationToken cancellationToken = default)
    {
        // The timestamp in the name is fixed-width, so ordinal order is time order.
        var latest = await db.LinksFiles.AsNoTracking().Where(f => f.AssessmentId == assessmentId)
            .OrderByDescending(f => f.Name).FirstOrDefaultAsync(cancellationToken);
        return latest is not null && seal.OpenSecret(Purpose, latest.Sealed) is { } csv ? (latest.Name, csv) : null;
    }

    /// <summary>The product's one CSV cell guard: defuses formulas (a name like "=HYPERLINK(…)"), quotes when needed.</summary>
    public static string Cell(string value) => Core.Exports.CsvCells.Quoted(value);

    public static InvitationLink For(Person person, string link) => new(person.Name, person.Email, person.Team, PersonRoles.Text(person.Role), link);
}
