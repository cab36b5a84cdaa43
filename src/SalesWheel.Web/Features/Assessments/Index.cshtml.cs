using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>The home page after sign-in: the organization's assessments, newest first.</summary>
public sealed class IndexModel(AppDbContext db) : OrganizationPageModel
{
    public IReadOnlyList<Row> Assessments { get; private set; } = [];

    public bool HasPeople { get; private set; }

    /// <summary>The leader's quick checks kept in this organization (from sign-up), oldest first.</summary>
    public IReadOnlyList<SalesWheel.Data.Entities.QuickCheck> QuickChecks { get; private set; } = [];

    /// <summary>The name of the assessment just deleted (Post/Redirect/Get), for the notice.</summary>
    public string? Deleted { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Deleted = TempData["Deleted"] as string;
        var assessments = await db.Assessments.AsNoTracking().Where(a => a.OrganizationId == OrganizationId).ToListAsync(cancellationToken);
        foreach (var assessment in assessments)
        {
            AssessmentDeadline.ShowAsClosedIfDue(assessment); // a GET changes nothing; the background service closes it
        }

        var ids = assessments.Select(a => a.Id).ToList();
        var responses = await db.SurveyResponses.Where(r => ids.Contains(r.AssessmentId))
            .GroupBy(r => r.AssessmentId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Assessments = assessments.OrderByDescending(a => a.CreatedAt)
            .Select(a => new Row(a, responses.GetValueOrDefault(a.Id)))
            .ToList();
        HasPeople = await db.People.AnyAsync(p => p.OrganizationId == OrganizationId, cancellationToken);
        QuickChecks = await db.QuickChecks.AsNoTracking().Where(q => q.OrganizationId == OrganizationId).OrderBy(q => q.CreatedAt).ToListAsync(cancellationToken);
    }

    public sealed record Row(Assessment Assessment, int Responses)
    {
        public bool HasResults => Assessment.Status == AssessmentStatus.Closed || Responses > 0;
    }
}
