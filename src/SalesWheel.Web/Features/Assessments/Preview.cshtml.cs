using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Imports;
using SalesWheel.Core.Instruments;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Shared;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// The mapping of an uploaded file, shown before anything is stored: each column and what it became, each distinct
/// answer and its scale point, role and team values with near-duplicates to merge, the instrument it looks like, the
/// direction of numbers-only answers, the warnings. The person corrects with selects ("Show with these choices" keeps
/// them on the kept file), then confirms once; works without JavaScript.
/// </summary>
public sealed class PreviewModel(AnswersUpload upload, AppDbContext db) : OrganizationPageModel
{
    /// <summary>Select values of a column's target.</summary>
    public const string Ignored = "ignored";

    public const string ItemPrefix = "item:";

    public const string AttributePrefix = "attribute:";

    /// <summary>Select value of an answer read as "not answered".</summary>
    public const string NotAnswered = "none";

    protected override MemberRole RequiredRole => MemberRole.Admin;

    [BindProperty]
    public PreviewChoices Choices { get; set; } = new();

    public PendingUpload Pending { get; private set; } = null!;

    /// <summary>The file read with the choices kept so far (the page's table); null when even those cannot read it.</summary>
    public ImportReport? Report { get; private set; }

    /// <summary>The instrument whose statements a column may become (the full form, even when the file looks like the quick one).</summary>
    public Instrument Instrument { get; private set; } = null!;

    /// <summary>The uploaded assessment whose answers this file would replace; null for a new assessment.</summary>
    public Assessment? Replaced { get; private set; }

    /// <summary>Why the file (with these choices) cannot be stored; null when it can.</summary>
    public string? Refusal { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public int ProblemsTotal { get; private set; }

    /// <summary>The choices posted that could not be applied, shown again in the selects.</summary>
    public ImportMapping? Posted { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (Pending.AssessmentId is { } made)
        {
            return Redirect($"/assessments/{made}");
        }

        Read(AnswersUpload.OptionsFor(Pending));
        return Page();
    }

    /// <summary>Reads the file with the choices made and keeps them (Post/Redirect/Get), or shows why they cannot be applied.</summary>
    public async Task<IActionResult> OnPostApplyAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (Pending.AssessmentId is { } made)
        {
            return Redirect($"/assessments/{made}");
        }

        var (mapping, reading) = ReadWithChoices();
        if (reading.Refusal is not null)
        {
            return Page();
        }

        await upload.SaveChoicesAsync(Pending, mapping, Pending.UsesLastMapping, cancellationToken);
        return Redirect($"/assessments/upload/{id}");
    }

    /// <summary>Forgets the last mapping (and every choice made here): the file is read as if uploaded for the first time.</summary>
    public async Task<IActionResult> OnPostFreshAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (Pending.AssessmentId is null)
        {
            await upload.SaveChoicesAsync(Pending, null, usesLastMapping: false, cancellationToken);
        }

        return Redirect($"/assessments/upload/{id}");
    }

    /// <summary>Stores the answers read with the choices made, once: a repeated confirmation goes to what the first one made.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (Pending.AssessmentId is { } made)
        {
            return Redirect($"/assessments/{made}");
        }

        var (_, reading) = ReadWithChoices();
        if (reading.Import is not { } import)
        {
            return Page();
        }

        if (!import.Report.CanConfirm)
        {
            // Their cells were read as unanswered only for the preview: storing them so would lose answers.
            var unknown = import.Report.UnknownValues;
            Refusal = $"Choose a scale point (or \u201cNot answered\u201d) for {(unknown.Count == 1 ? "the answer" : "each answer")} not on the scale: {string.Join(", ", unknown.Select(v => $"\u201c{v}\u201d"))}. Nothing is stored until each is chosen.";
            Posted = Choices.Apply(Report!);
            return Page();
        }

        var assessment = await upload.ConfirmAsync(Organization, Actor.Of(CurrentUser), Pending, import, cancellationToken);
        if (assessment is not { } stored)
        {
            return NotFound(); // the assessment to replace was deleted meanwhile
        }

        TempData["Notice"] = Summary(import.Report, Replaced is not null);
        return Redirect($"/assessments/{stored}");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await upload.FindAsync(Organization.Id, id, cancellationToken) is not { } pending)
        {
            // The same words for an upload that expired and for an id that is not this organization's.
            HttpContext.Items[ErrorModel.NotFoundHint] =
                string.Create(CultureInfo.InvariantCulture, $"This uploaded file is not kept any more: a file waits {AnswersUpload.PendingFor.TotalMinutes:0} minutes for its preview to be confirmed, then it is removed. Nothing was stored from it. Upload it again to see its preview.");
            HttpContext.Items[ErrorModel.NotFoundHintLink] = "/assessments/upload";
            return NotFound();
        }

        Pending = pending;
        Instrument = AnswersUpload.InstrumentOf(pending.Instrument, pending.InstrumentJson);
        if (pending.ReplacesAssessmentId is { } replaced)
        {
            Replaced = await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == replaced && a.OrganizationId == Organization.Id && a.Uploaded, cancellationToken);
            if (Replaced is null)
            {
                return NotFound();
            }
        }

        return null;
    }

    private AnswersReading Read(ImportOptions options)
    {
        var reading = AnswersUpload.Read(Pending.Content, Pending.FileName, options);
        Report ??= reading.Import?.Report;
        if (reading.Refusal is not null)
        {
            Refusal = reading.Refusal;
            Problems = reading.Problems;
            ProblemsTotal = reading.TotalProblems;
        }

        return reading;
    }

    /// <summary>
    /// The file read with the choices posted on top of those kept: the kept ones give the page (the columns and values
    /// the selects were drawn from), the posted ones the mapping. When the posted ones fail, the page shows the kept
    /// reading with the posted choices in the selects and the problems above them.
    /// </summary>
    private (ImportMapping? Mapping, AnswersReading Reading) ReadWithChoices()
    {
        var kept = AnswersUpload.ParseMapping(Pending.MappingJson);
        var before = AnswersUpload.Read(Pending.Content, Pending.FileName, AnswersUpload.OptionsFor(Pending));
        if (before.Import is not { } shown)
        {
            Read(AnswersUpload.OptionsFor(Pending)); // nothing to choose from: the problems are the file's own
            return (kept, before);
        }

        Report = shown.Report;
        var mapping = Choices.Apply(shown.Report);
        var reading = Read(AnswersUpload.Options(Pending.Instrument, Pending.InstrumentJson, mapping) with { UnknownValues = UnknownValues.Report });
        if (reading.Refusal is not null)
        {
            Posted = mapping;
        }

        return (mapping, reading);
    }

    /// <summary>The column's select value as the mapping (posted or read) has it.</summary>
    public string ColumnChoice(ImportedColumn column)
    {
        var posted = Posted?.Columns.FirstOrDefault(c => c.Header == column.Header && (c.Index is null || c.Index == column.Index));
        var (target, name) = posted is null ? (column.Target, column.Name) : (posted.Target, posted.Name);
        return target switch
        {
            ColumnTarget.Item => ItemPrefix + name,
            ColumnTarget.Attribute => AttributePrefix + name,
            _ => Ignored,
        };
    }

    /// <summary>The answer's select value as the mapping (posted or read) has it.</summary>
    public string ValueChoice(AnswerValue value)
    {
        var posted = Posted?.Values.FirstOrDefault(v => string.Equals(v.Value.Trim(), value.Text, StringComparison.OrdinalIgnoreCase));
        if (posted is null && value.ReadAs == ValueReading.Unknown)
        {
            return ""; // "choose…": nothing chosen yet
        }

        var point = posted is null ? value.Point : posted.Point;
        return point is { } p ? p.ToString(CultureInfo.InvariantCulture) : NotAnswered;
    }

    /// <summary>Whether the numbers are to be read reversed, as posted or read.</summary>
    public bool Reversed => Posted?.ReverseScale ?? Report?.ReverseScale ?? false;

    /// <summary>What a column became and how, in words.</summary>
    public static string How(ImportedColumn column) => column.How switch
    {
        MatchedBy.ItemId => "its header is the statement's id",
        MatchedBy.IdInBrackets => "the id in brackets",
        MatchedBy.IdInPath => "the id after a slash",
        MatchedBy.IdBeforeText => "the id before the text",
        MatchedBy.StatementText => "the statement's text",
        MatchedBy.HeaderText => "its header",
        MatchedBy.QuestionText => "the question above it",
        MatchedBy.Mapping => "as chosen (or your last mapping)",
        _ => column.ClosestStatement is { } closest ? $"not recognised; closest statement {closest}" : "not recognised",
    };

    /// <summary>The instrument the file looks like, in words.</summary>
    public static string FormText(InstrumentForm form) => form switch
    {
        InstrumentForm.Quick => "the quick form (two statements per driver): it is scored as the quick form",
        InstrumentForm.Custom => "part of the full instrument (not the quick form): statements without a column have no answers",
        _ => "the full instrument",
    };

    /// <summary>The scale point in words, e.g. "5 — Strongly agree".</summary>
    public string PointText(int point)
    {
        var labels = Instrument.Scale.Labels;
        var index = point - Instrument.Scale.Min;
        return labels is not null && index >= 0 && index < labels.Count ? $"{point} \u2014 {labels[index]}" : point.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The statement text of an item (for the column select and the statements without a column).</summary>
    public string StatementText(string itemId) => Instrument.Items.FirstOrDefault(i => i.Id == itemId)?.Text ?? "";

    private static string Summary(ImportReport report, bool replaced)
    {
        var role = report.Attributes.FirstOrDefault(a => a.Name == "role");
        var team = report.Attributes.FirstOrDefault(a => a.Name == "team");
        var text = new System.Text.StringBuilder($"{UploadModel.Count(report.Respondents, "response")} {(replaced ? "now replace the earlier answers" : "uploaded")}.");
        text.Append(role is null ? " No role column." : $" Roles from the column \u201c{report.Columns[role.Column].Header}\u201d.");
        text.Append(team is null ? " No team column." : $" Teams from the column \u201c{report.Columns[team.Column].Header}\u201d.");
        if (report.SkippedEmptyRows > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" Skipped {UploadModel.Count(report.SkippedEmptyRows, "row")} with no answered statement.");
        }

        var ignored = report.IgnoredColumns.Select(c => c.Header).ToList();
        if (ignored.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" Ignored {UploadModel.Count(ignored.Count, "column")} that {(ignored.Count == 1 ? "is" : "are")} neither a statement nor the role or team: {string.Join(", ", ignored)}.");
        }

        if (report.ItemsWithoutColumn.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" {UploadModel.Count(report.ItemsWithoutColumn.Count, "statement")} of the instrument had no column, so no answers: {string.Join(", ", report.ItemsWithoutColumn)}.");
        }

        return text.ToString();
    }

    /// <summary>The preview's form: one select per column and per distinct answer, merges, the direction.</summary>
    public sealed class PreviewChoices
    {
        /// <summary>Per column (by position): <see cref="Ignored"/>, <c>item:ID</c> or <c>attribute:NAME</c>.</summary>
        public List<string?> Columns { get; set; } = [];

        /// <summary>Per distinct answer (by position in the report): a scale point or <see cref="NotAnswered"/>.</summary>
        public List<string?> Values { get; set; } = [];

        /// <summary>Near-duplicate groups to merge, as "attribute position:group position".</summary>
        public List<string> Merges { get; set; } = [];

        /// <summary>"reversed" to read numbers from "Strongly agree" = 1; "as-read" to keep 1 = Strongly disagree; null when not asked.</summary>
        public string? Direction { get; set; }

        /// <summary>The mapping the report was read with, changed as chosen here (nothing posted: unchanged).</summary>
        public ImportMapping Apply(ImportReport report)
        {
            var mapping = report.Mapping;
            if (Columns.Count == report.Columns.Count)
            {
                var duplicated = report.Columns.GroupBy(c => c.Header).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
                var columns = report.Columns.Select((column, i) =>
                {
                    var index = duplicated.Contains(column.Header) ? column.Index : (int?)null;
                    return Columns[i] switch
                    {
                        { } item when item.StartsWith(ItemPrefix, StringComparison.Ordinal) => new ColumnMapping(column.Header, ColumnTarget.Item, item[ItemPrefix.Length..], index),
                        { } attribute when attribute.StartsWith(AttributePrefix, StringComparison.Ordinal) => new ColumnMapping(column.Header, ColumnTarget.Attribute, attribute[AttributePrefix.Length..], index),
                        _ => new ColumnMapping(column.Header, ColumnTarget.Ignored, null, index),
                    };
                }).ToList();
                mapping = mapping with { Columns = columns };
            }

            if (Values.Count == report.Values.Count)
            {
                var changed = report.Values.Select((value, i) => (value, choice: Values[i]))
                    .Where(v => v.choice is not null && (v.value.ReadAs == ValueReading.Unknown || v.choice != (v.value.Point is { } p ? p.ToString(CultureInfo.InvariantCulture) : NotAnswered)))
                    .Select(v => new ValueMapping(v.value.Text, int.TryParse(v.choice, NumberStyles.None, CultureInfo.InvariantCulture, out var point) ? point : null))
                    .ToList();
                mapping = mapping with
                {
                    Values = [.. mapping.Values.Where(v => !changed.Any(c => string.Equals(c.Value, v.Value.Trim(), StringComparison.OrdinalIgnoreCase))), .. changed],
                };
            }

            var merges = new List<AttributeMerge>();
            foreach (var chosen in Merges)
            {
                var parts = chosen.Split(':');
                if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var a) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var g)
                    && a >= 0 && a < report.Attributes.Count && g >= 0 && g < report.Attributes[a].NearDuplicates.Count)
                {
                    var attribute = report.Attributes[a];
                    var group = attribute.NearDuplicates[g];
                    var into = MergeInto(attribute, group);
                    merges.AddRange(group.Where(v => v != into).Select(v => new AttributeMerge(attribute.Name, v, into)));
                }
            }

            if (merges.Count > 0)
            {
                mapping = mapping with { Merges = [.. mapping.Merges, .. merges] };
            }

            return Direction switch
            {
                "reversed" => mapping with { ReverseScale = true },
                "as-read" => mapping with { ReverseScale = false },
                _ => mapping,
            };
        }
    }

    /// <summary>The value a group of near-duplicates is merged into: the most frequent (the first listed on a tie).</summary>
    public static string MergeInto(AttributeSummary attribute, IReadOnlyList<string> group) =>
        group.OrderByDescending(v => attribute.Values.FirstOrDefault(c => c.Value == v)?.Count ?? 0).First();
}
