using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// "Replace the answers" of an uploaded assessment: a corrected file goes through the same preview as a new upload,
/// and its confirmation replaces the assessment's responses (audited). Its name, id and instrument stay.
/// </summary>
[RequestSizeLimit(UploadModel.MaximumRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadModel.MaximumRequestBytes)]
public sealed class ReplaceModel(AppDbContext db, AnswersUpload upload) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    [BindProperty]
    public IFormFile? AnswersFile { get; set; }

    public Assessment Assessment { get; private set; } = null!;

    public IReadOnlyList<string> AnswerProblems { get; private set; } = [];

    public int AnswerProblemsTotal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!await FindAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (AnswersFile is not { Length: > 0 } file)
        {
            ModelState.AddModelError("AnswersFile", "Choose the file with the corrected answers.");
            return Page();
        }

        var fileName = Path.GetFileName(file.FileName);
        if (file.Length > UploadModel.MaximumFileBytes)
        {
            ModelState.AddModelError("AnswersFile", $"{fileName} is larger than {UploadModel.MaximumFileBytes / (1024 * 1024)} MB, the most one upload takes.");
            return Page();
        }

        byte[] bytes;
        await using (var stream = file.OpenReadStream())
        using (var buffer = new MemoryStream((int)file.Length))
        {
            await stream.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }

        // The built-in form is detected again: a corrected file may hold the other form.
        var (choice, json) = Assessment.InstrumentJson is { } custom ? ("custom", custom) : ("full", (string?)null);
        var last = await upload.LastMappingAsync(Organization.Id, cancellationToken);
        var reading = AnswersUpload.Read(bytes, fileName, AnswersUpload.Options(choice, json, last));
        if (reading.Refusal is not null)
        {
            AnswerProblems = reading.Problems;
            AnswerProblemsTotal = reading.TotalProblems;
            ModelState.AddModelError("AnswersFile", reading.Refusal);
            return Page();
        }

        var pending = await upload.KeepAsync(Organization.Id, fileName, bytes, Assessment.Name, choice, json, Assessment.Id, last, last is not null, cancellationToken);
        return Redirect($"/assessments/upload/{pending.Id}");
    }

    private async Task<bool> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.OrganizationId == Organization.Id && a.Uploaded, cancellationToken);
        if (assessment is null)
        {
            return false;
        }

        Assessment = assessment;
        return true;
    }
}
