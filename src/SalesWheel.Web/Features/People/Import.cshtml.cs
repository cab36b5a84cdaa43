using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.People;

/// <summary>
/// Import from CSV in two steps: the upload shows a preview (what will be added, updated, left alone, and every bad row);
/// the confirm button sends the same text back, which is checked again and applied only when clean.
/// </summary>
public sealed class ImportModel(AppDbContext db, AuditLog audit) : OrganizationPageModel
{
    /// <summary>About 10,000 people; larger teams can import in parts.</summary>
    public const int MaximumBytes = 1024 * 1024;

    protected override MemberRole RequiredRole => MemberRole.Admin;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>Rows pasted instead of uploaded.</summary>
    [BindProperty]
    public string? Pasted { get; set; }

    /// <summary>The file's text, carried from the preview to the confirm button so nothing is uploaded twice.</summary>
    [BindProperty]
    public string? CsvText { get; set; }

    [BindProperty]
    public string? FileName { get; set; }

    public ImportPreview? Preview { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        ModelState.Clear();
        string? text;
        if (Upload is { Length: > 0 })
        {
            FileName = Path.GetFileName(Upload.FileName);
            text = await ReadAsync(Upload);
        }
        else if (!string.IsNullOrWhiteSpace(Pasted))
        {
            FileName = "pasted rows";
            text = Pasted.Length > MaximumBytes ? Refuse(nameof(Pasted), "The pasted text is larger than 1 MB. Import the team in parts.") : Pasted;
        }
        else
        {
            text = Refuse(nameof(Upload), "Choose a CSV file to upload, or paste the rows below.");
        }

        if (text is null)
        {
            return Page();
        }

        CsvText = text;
        Preview = await ImportPreview.BuildAsync(db, OrganizationId, text, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        ModelState.Clear();
        if (string.IsNullOrEmpty(CsvText) || CsvText.Length > MaximumBytes)
        {
            Refuse(nameof(Upload), "The preview was lost. Upload the file again.");
            return Page();
        }

        // The list may have changed since the preview, and the text comes back from the browser: check everything again.
        Preview = await ImportPreview.BuildAsync(db, OrganizationId, CsvText, HttpContext.RequestAborted);
        if (!Preview.IsClean)
        {
            return Page();
        }

        Preview.Apply(db, OrganizationId);
        audit.Record(OrganizationId, CurrentUser, "people imported", $"{Preview.Counts}, from {Clip(FileName) ?? "a CSV file"}");
        try
        {
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        catch (DbUpdateException e) when (PersonEditing.IsDuplicate(e))
        {
            db.ChangeTracker.Clear();
            Refuse(nameof(Upload), "Someone changed the list of people at the same moment. Nothing was imported; check the preview again.");
            Preview = await ImportPreview.BuildAsync(db, OrganizationId, CsvText, HttpContext.RequestAborted);
            return Page();
        }

        TempData["Notice"] = $"Import done: {Preview.Counts}.";
        return Redirect("/people");
    }

    private async Task<string?> ReadAsync(IFormFile file)
    {
        if (file.Length > MaximumBytes)
        {
            return Refuse(nameof(Upload), $"{FileName} is larger than 1 MB. Import the team in parts.");
        }

        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, HttpContext.RequestAborted);
        try
        {
            return PeopleCsv.Decode(buffer.ToArray());
        }
        catch (DecoderFallbackException)
        {
            return Refuse(nameof(Upload), $"{FileName} is not UTF-8 text. In your spreadsheet, save it as \"CSV UTF-8\" and upload it again.");
        }
    }

    private string? Refuse(string field, string message)
    {
        ModelState.AddModelError(field, message);
        return null;
    }

    private static string? Clip(string? name) => name is null ? null : name.Length > 200 ? name[..200] : name;
}
