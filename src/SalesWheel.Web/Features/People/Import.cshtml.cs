using Microsoft.AspNetCore.Mvc;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.People;

/// <summary>
/// Import from CSV in two steps: the upload shows a preview (what will be added, updated, left alone, and every bad row);
/// the confirm button sends the same text back, which is checked again and applied only when clean.
/// </summary>
public sealed class ImportModel(PeopleImport import, AppDbContext db) : OrganizationPageModel
{
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

    /// <summary>Role values of the file the admin mapped (in step with <see cref="MapTo"/>).</summary>
    [BindProperty]
    public List<string> MapFrom { get; set; } = [];

    /// <summary>The role each of <see cref="MapFrom"/> stands for ("" leaves it unmapped).</summary>
    [BindProperty]
    public List<string> MapTo { get; set; } = [];

    public ImportPreview? Preview { get; private set; }

    public RoleCatalog Roles { get; private set; } = RoleCatalog.Of([]);

    public IReadOnlyList<AttributeDefinition> Attributes { get; private set; } = [];

    /// <summary>The mapping as the use case reads it: a file's value (any case) → a role.</summary>
    public IReadOnlyDictionary<string, string> Mapping =>
        MapFrom.Zip(MapTo).Where(m => !string.IsNullOrWhiteSpace(m.First) && !string.IsNullOrWhiteSpace(m.Second))
            .GroupBy(m => m.First.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last().Second.Trim(), StringComparer.OrdinalIgnoreCase);

    public Task OnGetAsync() => LoadChoicesAsync();

    /// <summary>The same text again, with the roles the admin mapped.</summary>
    public async Task<IActionResult> OnPostRemapAsync()
    {
        ModelState.Clear();
        await LoadChoicesAsync();
        if (string.IsNullOrEmpty(CsvText) || CsvText.Length > PeopleImport.MaximumBytes)
        {
            Refuse(nameof(Upload), "The preview was lost. Upload the file again.");
            return Page();
        }

        Preview = await import.PreviewAsync(OrganizationId, CsvText, HttpContext.RequestAborted, Mapping);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        ModelState.Clear();
        await LoadChoicesAsync();
        string? text;
        if (Upload is { Length: > 0 })
        {
            FileName = Path.GetFileName(Upload.FileName);
            text = await ReadAsync(Upload);
        }
        else if (!string.IsNullOrWhiteSpace(Pasted))
        {
            FileName = "pasted rows";
            text = Pasted.Length > PeopleImport.MaximumBytes ? Refuse(nameof(Pasted), PeopleImport.TooLarge("The pasted text")) : Pasted;
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
        Preview = await import.PreviewAsync(OrganizationId, text, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>Confirms the file as it is when every row is right.</summary>
    public Task<IActionResult> OnPostConfirmAsync() => ImportAsync(onlyGoodRows: false);

    /// <summary>Imports the good rows and leaves out the bad ones (each named in the preview).</summary>
    public Task<IActionResult> OnPostGoodRowsAsync() => ImportAsync(onlyGoodRows: true);

    private async Task<IActionResult> ImportAsync(bool onlyGoodRows)
    {
        ModelState.Clear();
        await LoadChoicesAsync();
        if (string.IsNullOrEmpty(CsvText) || CsvText.Length > PeopleImport.MaximumBytes)
        {
            Refuse(nameof(Upload), "The preview was lost. Upload the file again.");
            return Page();
        }

        // The list may have changed since the preview, and the text comes back from the browser: everything is checked again.
        var outcome = await import.ImportAsync(OrganizationId, Actor.Of(CurrentUser), CsvText, Clip(FileName) ?? "a CSV file", "check the preview again", HttpContext.RequestAborted,
            Mapping, onlyGoodRows);
        Preview = outcome.Preview;
        if (outcome.Conflict is not null)
        {
            Refuse(nameof(Upload), outcome.Conflict);
        }

        if (!outcome.Imported)
        {
            return Page();
        }

        var leftOut = Preview.IsClean ? "" : $"; {Preview.Problems.Count} bad {(Preview.Problems.Count == 1 ? "row" : "rows")} left out";
        TempData["Notice"] = $"Import done: {Preview.Counts}{leftOut}.";
        return Redirect("/people");
    }

    private async Task LoadChoicesAsync()
    {
        Roles = await RoleCatalog.LoadAsync(db, OrganizationId, HttpContext.RequestAborted);
        Attributes = await AttributeSettings.ListAsync(db, OrganizationId, HttpContext.RequestAborted);
    }

    private async Task<string?> ReadAsync(IFormFile file)
    {
        if (file.Length > PeopleImport.MaximumBytes)
        {
            return Refuse(nameof(Upload), PeopleImport.TooLarge(FileName ?? ""));
        }

        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, HttpContext.RequestAborted);
        return PeopleImport.Decode(buffer.ToArray()) ?? Refuse(nameof(Upload), PeopleImport.NotUtf8(FileName ?? "", "upload"));
    }

    private string? Refuse(string field, string message)
    {
        ModelState.AddModelError(field, message);
        return null;
    }

    private static string? Clip(string? name) => name is null ? null : name.Length > 200 ? name[..200] : name;
}
