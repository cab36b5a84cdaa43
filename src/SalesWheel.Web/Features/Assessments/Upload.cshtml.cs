using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using SalesWheel.Core.Imports;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Responses;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// "Bring your own answers": an assessment made from a CSV of answers collected in another tool, scored against the
/// built-in full or quick instrument or a custom instrument file. The file is checked as the command line checks it
/// (every bad cell named); nothing is stored unless all of it is right. The assessment is closed from the start: it
/// has no survey, no invitations and no reminders.
/// </summary>
[RequestSizeLimit(MaximumRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaximumRequestBytes)]
[RefuseOversizedUpload]
public sealed class UploadModel(AnswersUpload upload) : OrganizationPageModel
{
    public const long MaximumFileBytes = 20L * 1024 * 1024;

    public const int MaximumInstrumentBytes = 1024 * 1024;

    public const int MaximumRows = 100_000;

    /// <summary>Both files at their largest, the other fields and the form's own overhead.</summary>
    public const long MaximumRequestBytes = MaximumFileBytes + MaximumInstrumentBytes + (1024 * 1024);

    protected override MemberRole RequiredRole => MemberRole.Admin;

    [BindProperty]
    public UploadForm Form { get; set; } = new();

    [BindProperty]
    public IFormFile? AnswersFile { get; set; }

    [BindProperty]
    public IFormFile? CustomInstrument { get; set; }

    /// <summary>Set once the form has been sent: the browser has forgotten the files chosen, and the page says so.</summary>
    public bool Posted { get; private set; }

    /// <summary>The last upload was refused unread because it was over <see cref="MaximumRequestBytes"/>.</summary>
    public bool TooLarge { get; private set; }

    public IReadOnlyList<string> AnswerProblems { get; private set; } = [];

    public int AnswerProblemsTotal { get; private set; }

    public IReadOnlyList<string> InstrumentProblems { get; private set; } = [];

    /// <summary>The columns of the file just sent that are not statements: the choices for the role and team columns.</summary>
    public IReadOnlyList<string> OtherColumns { get; private set; } = [];

    public void OnGet([FromQuery(Name = "too-large")] bool tooLarge = false) => TooLarge = tooLarge;

    /// <summary>A CSV with only the header row for the built-in full or quick form: role, team and one column per statement.</summary>
    public IActionResult OnGetTemplate(string? form) => Statements.IndexModel.TemplateFile(form, headers: null);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear(); // every rule is checked below, with messages in our words
        Posted = true;
        var name = Form.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            ModelState.AddModelError("Form.Name", "Give the assessment a name, for example \u201cQ3 survey (from Google Forms)\u201d.");
        }
        else if (name.Length > NewAssessment.MaximumNameLength)
        {
            ModelState.AddModelError("Form.Name", NewAssessment.NameTooLong(name.Length));
        }

        var (instrument, instrumentJson) = Form.Instrument switch
        {
            "full" => (BuiltInInstrument.Full, null),
            "quick" => (BuiltInInstrument.Quick, null),
            "custom" => await ReadInstrumentAsync(cancellationToken),
            _ => (Refuse<Instrument>("Form.Instrument", "Choose the full instrument, the quick form or your own instrument file."), null),
        };

        var bytes = await ReadAnswersAsync(cancellationToken);
        if (bytes is null || instrument is null)
        {
            return Page();
        }

        var fileName = Path.GetFileName(AnswersFile!.FileName);
        var last = await upload.LastMappingAsync(Organization.Id, cancellationToken);
        var mapping = last;
        var reading = AnswersUpload.Read(bytes, fileName, AnswersUpload.Options(Form.Instrument!, instrumentJson, mapping) with { UnknownValues = UnknownValues.Report });
        var items = instrument.Items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        OtherColumns = reading.Import is { } read
            ? read.Report.Columns.Where(c => c.Target != ColumnTarget.Item && c.Header.Length > 0).Select(c => c.Header).Distinct(StringComparer.Ordinal).ToList()
            : HeaderOf(bytes).Where(h => h.Length > 0 && !items.Contains(h)).Distinct(StringComparer.Ordinal).ToList();
        var roleColumn = PickColumn(Form.RoleColumn, "role", "Form.RoleColumn", items);
        var teamColumn = PickColumn(Form.TeamColumn, "team", "Form.TeamColumn", items);
        if (roleColumn is not null && roleColumn == teamColumn)
        {
            ModelState.AddModelError("Form.TeamColumn", $"\u201c{teamColumn}\u201d is already the role column: choose another column for the team, or leave it empty.");
            teamColumn = null;
        }

        if (roleColumn is not null || teamColumn is not null)
        {
            // The columns named on the form win over the last mapping and over detection.
            var named = new[] { (roleColumn, "role"), (teamColumn, "team") }.Where(c => c.Item1 is not null).Select(c => new ColumnMapping(c.Item1!, ColumnTarget.Attribute, c.Item2)).ToList();
            var start = mapping ?? new ImportMapping();
            mapping = start with { Columns = [.. start.Columns.Where(c => !named.Any(n => n.Header == c.Header || n.Name == c.Name)), .. named] };
            reading = AnswersUpload.Read(bytes, fileName, AnswersUpload.Options(Form.Instrument!, instrumentJson, mapping) with { UnknownValues = UnknownValues.Report });
        }

        if (reading.Refusal is not null)
        {
            AnswerProblems = reading.Problems;
            AnswerProblemsTotal = reading.TotalProblems;
            ModelState.AddModelError("AnswersFile", reading.Refusal);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var pending = await upload.KeepAsync(Organization.Id, fileName, bytes, name, Form.Instrument!, instrumentJson, null, mapping, last is not null, cancellationToken);
        return Redirect($"/assessments/upload/{pending.Id}");
    }

    /// <summary>The first row of a file the pipeline could not read, to offer its columns on the form.</summary>
    private static IReadOnlyList<string> HeaderOf(byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return ResponsesCsv.ReadHeader(stream);
        }
        catch (InvalidResponsesException)
        {
            return [];
        }
    }

    private async Task<(Instrument? Instrument, string? Json)> ReadInstrumentAsync(CancellationToken cancellationToken)
    {
        if (CustomInstrument is not { Length: > 0 } upload)
        {
            return (Refuse<Instrument>("CustomInstrument", "Choose your instrument file (JSON), or pick the full instrument or the quick form."), null);
        }

        var fileName = Path.GetFileName(upload.FileName);
        if (upload.Length > MaximumInstrumentBytes)
        {
            return (Refuse<Instrument>("CustomInstrument", $"{fileName} is larger than 1 MB; an instrument file is usually a few kilobytes. Check that you chose the instrument, not the answers."), null);
        }

        var bytes = await ReadAllAsync(upload, cancellationToken);
        if (!Utf8.IsValid(bytes))
        {
            return (Refuse<Instrument>("CustomInstrument", $"{fileName} is not UTF-8 text. Save it as UTF-8 and choose it again."), null);
        }

        var json = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        try
        {
            var instrument = InstrumentFile.Parse(json, fileName);
            if (instrument.Scale.Points > byte.MaxValue)
            {
                // Answers are stored one byte each (value − min + 1); the file format allows at most 11 points anyway.
                return (Refuse<Instrument>("CustomInstrument", $"{fileName}: its scale has {instrument.Scale.Points} points; answers can be stored for at most {byte.MaxValue}."), null);
            }

            return (instrument, json);
        }
        catch (InvalidInstrumentException e)
        {
            InstrumentProblems = e.Problems;
            var count = e.Problems.Count;
            return (Refuse<Instrument>("CustomInstrument", $"{fileName} is not a valid instrument file: {Count(count, "problem")} to fix. The answers could not be checked without it."), null);
        }
    }

    private async Task<byte[]?> ReadAnswersAsync(CancellationToken cancellationToken)
    {
        if (AnswersFile is not { Length: > 0 } upload)
        {
            return Refuse<byte[]>("AnswersFile", AnswersFile is null
                ? "Choose the CSV file with the answers."
                : $"{Path.GetFileName(AnswersFile.FileName)} is empty: it needs a header row naming the statement columns, then one row per person.");
        }

        var fileName = Path.GetFileName(upload.FileName);
        if (upload.Length > MaximumFileBytes)
        {
            return Refuse<byte[]>("AnswersFile", $"{fileName} is larger than {MaximumFileBytes / (1024 * 1024)} MB, the most one upload takes (with at most {MaximumRows.ToString("N0", CultureInfo.InvariantCulture)} rows). Split the answers into smaller files and upload each as its own assessment, or score the whole file with the command line (saleswheel score).");
        }

        return await ReadAllAsync(upload, cancellationToken);
    }

    /// <summary>
    /// The column for an attribute (<paramref name="usual"/>) named in the form (exactly, or in other capitals); null
    /// when none is named (then the import finds it).
    /// </summary>
    private string? PickColumn(string? typed, string usual, string field, HashSet<string> items)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null; // found by the import (a column called role or team, or asking for it), or as the last mapping says
        }

        typed = typed.Trim();
        if (OtherColumns.Contains(typed))
        {
            return typed;
        }

        if (OtherColumns.Where(c => string.Equals(c, typed, StringComparison.OrdinalIgnoreCase)).ToList() is [var only])
        {
            return only;
        }

        var columns = OtherColumns.Count == 0
            ? "The file has no columns besides the statements."
            : $"Its other columns are: {string.Join(", ", OtherColumns.Select(c => $"\u201c{c}\u201d"))}.";
        ModelState.AddModelError(field, items.Contains(typed)
            ? $"\u201c{typed}\u201d is a statement of the instrument, not a {usual} column. {columns}"
            : $"The file has no column called \u201c{typed}\u201d. {columns} Leave this empty for none.");
        return null;
    }

    private static async Task<byte[]> ReadAllAsync(IFormFile upload, CancellationToken cancellationToken)
    {
        await using var stream = upload.OpenReadStream();
        using var buffer = new MemoryStream((int)upload.Length);
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private T? Refuse<T>(string field, string message)
        where T : class
    {
        ModelState.AddModelError(field, message);
        return null;
    }

    internal static string Count(int n, string what) => $"{n.ToString("N0", CultureInfo.InvariantCulture)} {what}{(n == 1 ? "" : "s")}";

    public sealed class UploadForm
    {
        public string? Name { get; set; }

        /// <summary>"full", "quick" or "custom".</summary>
        public string? Instrument { get; set; } = "full";

        /// <summary>The column holding each person's role; empty means a column called "role", if there is one.</summary>
        public string? RoleColumn { get; set; }

        /// <summary>The column holding each person's team; empty means a column called "team", if there is one.</summary>
        public string? TeamColumn { get; set; }
    }

    /// <summary>
    /// Turns an upload that says it is too large away before anything reads it (antiforgery would otherwise fail on the
    /// cut-off form and answer "the form may have expired"): back to the empty form, which says what the limit is.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class)]
    private sealed class RefuseOversizedUploadAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
    {
        public int Order => int.MinValue;

        public void OnAuthorization(AuthorizationFilterContext context)
        {
            var request = context.HttpContext.Request;
            if (HttpMethods.IsPost(request.Method) && request.ContentLength > MaximumRequestBytes)
            {
                context.Result = new RedirectResult("/assessments/upload?too-large=true");
            }
        }
    }
}
