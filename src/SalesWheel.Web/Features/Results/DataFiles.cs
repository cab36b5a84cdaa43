using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Exports;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Results;

/// <summary>
/// An assessment's answers and scores as they leave the app: the engine's stored result and the anonymous answers.
/// Only released (closed) results leave, and a closed assessment takes no more answers, so the workbook's numbers are
/// exactly those its answers score to.
/// </summary>
public static class DataFiles
{
    public const string AnswersFile = "answers.csv";

    public const string WorkbookFile = "results.xlsx";

    /// <summary>The anonymous answers (<see cref="AnswersFile"/>) or the results workbook (any other file) as bytes.</summary>
    public static async Task<byte[]> WriteAsync(string file, ScoreReport report, AnonymousAnswers answers, WorkbookOptions workbook, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        if (file == AnswersFile)
        {
            AnswersCsv.Write(answers, stream);
        }
        else
        {
            await ResultsWorkbook.WriteAsync(stream, report, answers, workbook, cancellationToken);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// The file for a released result: the stored answers are read here, made anonymous and written with the result;
    /// the workbook without its Answers sheet when <paramref name="includeAnswers"/> is false. Built once per inputs
    /// (<see cref="ExportCache"/>).
    /// </summary>
    public static Task<byte[]> WriteAsync(
        string file, AppDbContext db, AssessmentScoring scoring, ExportCache cache, Organization organization, Assessment assessment, ScoreReport report, bool includeAnswers, CancellationToken cancellationToken) =>
        cache.GetAsync(db, organization, assessment, report, file == AnswersFile ? AnswersFile : $"{WorkbookFile} answers:{includeAnswers}", async () =>
        {
            var set = await scoring.AnswersAsync(assessment, cancellationToken);
            var answers = AnonymousAnswers.From(set, report.Context.MinGroupSize, report.Breakdowns); // checked together with the results they go with
            var invitations = await db.Invitations.CountAsync(i => i.AssessmentId == assessment.Id, cancellationToken);
            return await WriteAsync(file, report, answers, new WorkbookOptions
            {
                Assessment = assessment.Name,
                Organization = organization.Name,
                Invitations = invitations,
                IncludeAnswers = includeAnswers,
                Notes = includeAnswers ? [] : [AnswersAccess.LeftOut],
            }, cancellationToken);
        }, cancellationToken);
}

/// <summary>
/// Who may take row-level answers away (the anonymous answers CSV, the workbook's Answers sheet): owners and admins;
/// viewers only when the organization allows it (Settings). Scores, the PDF and the wheel are for everyone in it.
/// </summary>
public static class AnswersAccess
{
    public const string LeftOut =
        "The Answers sheet (one anonymous row per person) is left out: in this organization row-level answers are for owners and admins.";

    public static bool MayDownload(Organization organization, MemberRole role) => role >= MemberRole.Admin || organization.ViewersMayDownloadAnswers;
}

/// <summary>
/// Downloads of an assessment's results workbook and anonymous answers CSV, for anyone in the organization (the CSV,
/// and the workbook's Answers sheet, only as <see cref="AnswersAccess"/> allows). With fewer respondents than the
/// minimum group size, neither: the page says why and shows participation.
/// </summary>
public sealed class DataFilesModel(AppDbContext db, AssessmentScoring scoring, ExportCache cache) : OrganizationPageModel
{
    public Assessment Assessment { get; private set; } = null!;

    public int Responses { get; private set; }

    public int Invitations { get; private set; }

    public int MinimumGroupSize { get; private set; }

    /// <summary>Why nothing but participation can be downloaded, when that is the case.</summary>
    public ResultsState State { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string file, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == id && a.OrganizationId == OrganizationId, cancellationToken);
        if (assessment is null)
        {
            return NotFound();
        }

        Assessment = assessment;
        var mayTakeAnswers = AnswersAccess.MayDownload(Organization, Membership.Role);
        if (file == DataFiles.AnswersFile && !mayTakeAnswers)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var report = await scoring.ResultAsync(assessment, Organization, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        State = ResultsRelease.StateOf(assessment, report);
        if (State != ResultsState.Released)
        {
            // Nothing but participation leaves the app: say so, with the counts.
            Invitations = await db.Invitations.CountAsync(i => i.AssessmentId == id, cancellationToken);
            Responses = await Submissions.CountAsync(db, id, cancellationToken);
            MinimumGroupSize = report.Context.MinGroupSize;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        var content = await DataFiles.WriteAsync(file, db, scoring, cache, Organization, assessment, report, mayTakeAnswers, cancellationToken);
        return file == DataFiles.AnswersFile
            ? File(content, "text/csv; charset=utf-8", DownloadNames.Answers(assessment.Name))
            : File(content, ResultsWorkbook.ContentType, DownloadNames.Workbook(assessment.Name));
    }
}
