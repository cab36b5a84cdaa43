using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;

namespace SalesWheel.Web.Features.QuickCheck;

/// <summary>
/// A leader's quick check once it belongs to an organization (attached on sign-up): listed with the assessments as
/// "Leader's quick check", shown with its wheel, and set next to a team's result driver by driver. It is one person's
/// own answers, shown to their organization, so no anonymity rule applies to it; the team's numbers stay the shared
/// result. Its PDF and its email are the same result in other forms.
/// </summary>
public static class LeaderCheck
{
    /// <summary>How the assessments list and the reports name it.</summary>
    public const string Name = "Leader\u2019s quick check";

    /// <summary>The organization's latest attached quick check, or null.</summary>
    public static Task<Data.Entities.QuickCheck?> LatestAsync(AppDbContext db, Guid organizationId, CancellationToken cancellationToken) =>
        db.QuickChecks.AsNoTracking().Where(q => q.OrganizationId == organizationId)
            .OrderByDescending(q => q.CreatedAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The audit log's words for the phase and deal size a quick check gave.</summary>
    public static string ContextWords(Data.Entities.QuickCheck check) =>
        $"company phase {check.Phase?.DisplayName() ?? "not given"}, typical deal size {check.Acv?.DisplayName() ?? "not given"}";

    /// <summary>The quick check as the PDF executive report (its owner's own answers, so shown though one person answered).</summary>
    public static byte[] Pdf(Data.Entities.QuickCheck check, string? organizationName, PaperSize size)
    {
        var cover = new ReportCover
        {
            AssessmentName = Name,
            OrganizationName = organizationName,
            Opened = DateOnly.FromDateTime(check.CreatedAt),
            Closed = DateOnly.FromDateTime(check.CreatedAt),
            Invited = 1,
            Generated = DateOnly.FromDateTime(DateTime.UtcNow),
            ShowResultBelowMinimumGroupSize = true,
        };
        using var buffer = new MemoryStream();
        PdfReport.Render(ResultModel.Score(check), cover, size, buffer);
        return buffer.ToArray();
    }

    /// <summary>The plain-text email of a result: the score of each driver, what to fix first, and the way back.</summary>
    public static (string Subject, string Body) Email(ScoreReport report, string resultLink)
    {
        var text = new StringBuilder();
        text.AppendLine("Your SalesWheel quick check").AppendLine();
        if (report.Respondents == 0)
        {
            text.AppendLine("You answered \"Don't know\" to everything, so there is nothing to score yet.");
        }
        else
        {
            text.AppendLine("Scores by driver (0-100):");
            foreach (var d in report.Dimensions)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {d.Name}: {ReportFormat.Score(d.Score)}");
            }

            var names = report.Dimensions.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
            text.AppendLine().AppendLine("Fix first:");
            foreach (var p in report.Priorities.Take(3))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {p.Rank}. {names.GetValueOrDefault(p.Dimension, p.Dimension)}");
            }
        }

        text.AppendLine().AppendLine("Your result, with the wheel and a PDF to download (keep this link private: whoever has it can read the result):")
            .AppendLine(resultLink).AppendLine()
            .AppendLine("You asked for this email on the result page. If you did not, ignore it.");
        return ("Your SalesWheel quick check", text.ToString());
    }
}

/// <summary>
/// "Email me this result" at most 3 times an hour per quick check, on top of the page's per-address limit: the
/// address is typed by whoever holds the link, so the limit keeps the server from being used to send mail at will.
/// </summary>
public sealed class ResultEmailAllowance : IDisposable
{
    public const int PerHour = 3;

    private readonly PartitionedRateLimiter<Guid> _limiter = PartitionedRateLimiter.Create<Guid, Guid>(id =>
        RateLimitPartition.GetFixedWindowLimiter(id, _ => new FixedWindowRateLimiterOptions { PermitLimit = PerHour, Window = TimeSpan.FromHours(1) }));

    /// <summary>True (and counted) when this quick check may send one more email now.</summary>
    public bool TryTake(Guid quickCheckId)
    {
        using var lease = _limiter.AttemptAcquire(quickCheckId);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
