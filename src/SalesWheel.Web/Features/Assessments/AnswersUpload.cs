using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Imports;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Responses;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>A file read through the import pipeline: the answers and how they were read, or why nothing can be stored.</summary>
/// <param name="Import">The answers and the report; null when refused.</param>
/// <param name="Refusal">One sentence saying what is wrong and what to do; null when read.</param>
/// <param name="Problems">Each problem by row, line and column (at most <see cref="AnswerImport.MaxListedProblems"/>).</param>
/// <param name="TotalProblems">All problems, listed or not.</param>
public sealed record AnswersReading(ImportResult? Import, string? Refusal, IReadOnlyList<string> Problems, int TotalProblems)
{
    public static AnswersReading Refused(string refusal, IReadOnlyList<string>? problems = null, int total = 0) => new(null, refusal, problems ?? [], total);
}

/// <summary>
/// Answers uploaded from another tool, from the file to the assessment: read through Core's one import pipeline
/// (<see cref="AnswerImport"/>), kept as a <see cref="PendingUpload"/> while the person checks and corrects the mapping,
/// then stored (a new closed assessment, or the answers of an uploaded one replaced) once, audited, with the mapping
/// remembered for the organization's next upload. The page and the API both go through here.
/// </summary>
public sealed class AnswersUpload(AppDbContext db, AuditLog audit, SubmissionSeal seal)
{
    /// <summary>How long an uploaded file waits for its confirmation.</summary>
    public static readonly TimeSpan PendingFor = TimeSpan.FromHours(1);

    /// <summary>The attributes an upload keeps for breakdowns (found by header or question text, or named by the person).</summary>
    public static readonly string[] GroupBy = ["role", "team"];

    /// <summary>The instrument chosen on the form ("full", "quick", "custom" with its file).</summary>
    public static Instrument InstrumentOf(string choice, string? instrumentJson) =>
        choice == "custom" && instrumentJson is not null ? InstrumentFile.Parse(instrumentJson, "your instrument file") : BuiltInInstrument.Full;

    /// <summary>
    /// The pipeline's options for an upload: the built-in instrument (quick only when chosen; else detected from the
    /// columns) or a custom one, role and team kept, the mapping replayed.
    /// </summary>
    public static ImportOptions Options(string choice, string? instrumentJson, ImportMapping? mapping, bool? reverseScale = null) => new()
    {
        Instrument = InstrumentOf(choice, instrumentJson),
        Form = choice == "quick" ? InstrumentForm.Quick : null,
        GroupBy = GroupBy,
        Mapping = mapping,
        ReverseScale = reverseScale,
    };

    /// <summary>Reads a file as <c>saleswheel score</c> would; refused (with every problem) when anything is wrong or there is nothing to store.</summary>
    public static AnswersReading Read(byte[] content, string fileName, ImportOptions options)
    {
        ImportResult import;
        try
        {
            // Asking for a role or team the file does not have is an error, so the first reading finds which it has
            // (by header, question text or the mapping); only then are they kept.
            import = AnswerImport.Read(new MemoryStream(content, writable: false), fileName, options with { GroupBy = [] });
            var found = GroupBy.Where(name => import.Report.Columns.Any(c => c.Target != ColumnTarget.Item && c.Name == name)).ToList();
            if (found.Count > 0)
            {
                import = AnswerImport.Read(new MemoryStream(content, writable: false), fileName, options with { GroupBy = found });
            }
        }
        catch (InvalidResponsesException e)
        {
            return AnswersReading.Refused(
                $"{fileName} has {UploadModel.Count(e.TotalProblems, "problem")}. Fix {(e.TotalProblems == 1 ? "it" : "them")} in the file and upload it again: nothing is stored until every cell is right.",
                e.Problems, e.TotalProblems);
        }

        var rows = import.Report.Respondents + import.Report.SkippedEmptyRows;
        if (rows > UploadModel.MaximumRows)
        {
            return AnswersReading.Refused($"{fileName} has {rows.ToString("N0", CultureInfo.InvariantCulture)} rows; one upload takes at most {UploadModel.MaximumRows.ToString("N0", CultureInfo.InvariantCulture)}. Split the answers into smaller files, or score the whole file with the command line (saleswheel score).");
        }

        if (import.Responses.Count == 0)
        {
            return AnswersReading.Refused(import.Report.SkippedEmptyRows == 0
                ? $"{fileName} has a header but no rows of answers."
                : $"{fileName} has {UploadModel.Count(import.Report.SkippedEmptyRows, "row")}, but not one answered statement: every cell is blank or \u201cnot answered\u201d.");
        }

        return new AnswersReading(import, null, [], 0);
    }

    /// <summary>The mapping the organization last confirmed, or null (none yet, or no longer readable by this version).</summary>
    public async Task<ImportMapping?> LastMappingAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var json = await db.LastImportMappings.AsNoTracking().Where(m => m.OrganizationId == organizationId)
            .Select(m => m.MappingJson).FirstOrDefaultAsync(cancellationToken);
        return ParseMapping(json);
    }

    /// <summary>A stored mapping, or null when there is none or it cannot be read (a fresh mapping is detected then).</summary>
    public static ImportMapping? ParseMapping(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return ImportMapping.Parse(json, "the saved mapping");
        }
        catch (InvalidResponsesException)
        {
            return null;
        }
    }

    /// <summary>Keeps an uploaded file until it is confirmed (or expires); expired files of every organization are removed first.</summary>
    public async Task<PendingUpload> KeepAsync(Guid organizationId, string fileName, byte[] content, string name, string choice, string? instrumentJson,
        Guid? replaces, ImportMapping? mapping, bool usesLastMapping, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        await db.PendingUploads.Where(u => u.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        var pending = new PendingUpload
        {
            OrganizationId = organizationId,
            FileName = fileName,
            Content = content,
            Name = name,
            Instrument = choice,
            InstrumentJson = instrumentJson,
            ReplacesAssessmentId = replaces,
            MappingJson = mapping?.ToJson(),
            UsesLastMapping = usesLastMapping,
            CreatedAt = now,
            ExpiresAt = now + PendingFor,
        };
        db.PendingUploads.Add(pending);
        await db.SaveChangesAsync(cancellationToken);
        return pending;
    }

    /// <summary>An organization's kept file (confirmed ones too, so a repeated confirmation finds what it made); null when unknown, another organization's, or expired.</summary>
    public Task<PendingUpload?> FindAsync(Guid organizationId, Guid id, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        return db.PendingUploads.FirstOrDefaultAsync(u => u.Id == id && u.OrganizationId == organizationId && u.ExpiresAt >= now, cancellationToken);
    }

    /// <summary>The options a kept file is read with on the preview: its instrument, the mapping chosen so far, unknown answers listed to be chosen.</summary>
    public static ImportOptions OptionsFor(PendingUpload pending) =>
        Options(pending.Instrument, pending.InstrumentJson, ParseMapping(pending.MappingJson)) with { UnknownValues = UnknownValues.Report };

    /// <summary>Keeps the choices made on the preview, so the next page (and the confirmation) reads the file with them.</summary>
    public async Task SaveChoicesAsync(PendingUpload pending, ImportMapping? mapping, bool usesLastMapping, CancellationToken cancellationToken)
    {
        pending.MappingJson = mapping?.ToJson();
        pending.UsesLastMapping = usesLastMapping;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Stores a kept file's answers once: the first confirmation makes the assessment (or replaces the answers) and
    /// empties the kept file in the same transaction; a repeated one (a reload, a second click) returns what the
    /// first made and stores nothing. Null when the assessment to replace is gone or no longer uploaded.
    /// </summary>
    public async Task<Guid?> ConfirmAsync(Organization organization, Actor actor, PendingUpload pending, ImportResult import, CancellationToken cancellationToken)
    {
        if (pending.AssessmentId is { } done)
        {
            return done;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Only the confirmation that flips it stores anything (another node may be confirming the same file right now).
        var claimed = await db.PendingUploads.Where(u => u.Id == pending.Id && u.AssessmentId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AssessmentId, Guid.Empty), cancellationToken);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await db.PendingUploads.Where(u => u.Id == pending.Id).Select(u => u.AssessmentId).FirstAsync(cancellationToken);
        }

        Guid id;
        if (pending.ReplacesAssessmentId is { } replaced)
        {
            var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.Id == replaced && a.OrganizationId == organization.Id && a.Uploaded, cancellationToken);
            if (assessment is null)
            {
                await transaction.RollbackAsync(cancellationToken);
                return null;
            }

            await ReplaceRowsAsync(organization, actor, assessment, import, "the upload page", cancellationToken);
            id = assessment.Id;
        }
        else
        {
            id = (await AddRowsAsync(organization, actor, pending.Name, pending.InstrumentJson, import, cancellationToken)).Id;
        }

        await RememberAsync(organization.Id, import.Report.Mapping, cancellationToken);
        await db.PendingUploads.Where(u => u.Id == pending.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AssessmentId, id).SetProperty(u => u.Content, []), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.Entry(pending).State = EntityState.Detached;
        return id;
    }

    /// <summary>Stores answers read from a file as a new closed assessment (the API's upload), remembering the mapping.</summary>
    public async Task<Assessment> StoreAsync(Organization organization, Actor actor, string name, string? instrumentJson, ImportResult import, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var assessment = await AddRowsAsync(organization, actor, name, instrumentJson, import, cancellationToken);
        await RememberAsync(organization.Id, import.Report.Mapping, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return assessment;
    }

    /// <summary>Replaces an uploaded assessment's answers by those read from a file (the API's replace), remembering the mapping.</summary>
    public async Task ReplaceAsync(Organization organization, Actor actor, Assessment assessment, ImportResult import, string via, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ReplaceRowsAsync(organization, actor, assessment, import, via, cancellationToken);
        await RememberAsync(organization.Id, import.Report.Mapping, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<Assessment> AddRowsAsync(Organization organization, Actor actor, string name, string? instrumentJson, ImportResult import,
        CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var assessment = new Assessment
        {
            OrganizationId = organization.Id,
            Name = name,
            QuickForm = instrumentJson is null && import.Report.Form == InstrumentForm.Quick,
            Uploaded = true,
            InstrumentJson = instrumentJson,
            MinimumGroupSize = MinimumGroupSizes.Of(null, organization), // bound at upload time
            Status = AssessmentStatus.Closed,
            CreatedAt = now,
            ClosedAt = now,
        };
        db.Assessments.Add(assessment);
        var rows = Rows(assessment, import);
        audit.Record(organization.Id, actor, "answers uploaded",
            $"{name}: {UploadModel.Count(rows.Count, "response")} uploaded, {UploadModel.Count(import.Report.SkippedEmptyRows, "empty row")} skipped; {InstrumentText(assessment)}; {Grouped(import)}");
        await db.SaveChangesAsync(cancellationToken);
        await ResponseRows.InsertAsync(db, rows, cancellationToken);
        return assessment;
    }

    private async Task ReplaceRowsAsync(Organization organization, Actor actor, Assessment assessment, ImportResult import, string via, CancellationToken cancellationToken)
    {
        var id = assessment.Id;
        var before = await db.SurveyResponses.CountAsync(r => r.AssessmentId == id, cancellationToken);
        if (assessment.InstrumentJson is null)
        {
            assessment.QuickForm = import.Report.Form == InstrumentForm.Quick;
        }

        var rows = Rows(assessment, import);
        await db.SurveyResponses.Where(r => r.AssessmentId == id).ExecuteDeleteAsync(cancellationToken);
        // Results and comparisons computed from the old answers would otherwise be served again.
        await db.AssessmentResults.Where(r => r.AssessmentId == id).ExecuteDeleteAsync(cancellationToken);
        await db.ComparisonResults.Where(c => c.BeforeAssessmentId == id || c.AfterAssessmentId == id).ExecuteDeleteAsync(cancellationToken);
        audit.Record(organization.Id, actor, "answers replaced",
            $"{assessment.Name}: {UploadModel.Count(before, "response")} replaced by {UploadModel.Count(rows.Count, "response")} from {via}; {InstrumentText(assessment)}; {Grouped(import)}");
        await db.SaveChangesAsync(cancellationToken);
        await ResponseRows.InsertAsync(db, rows, cancellationToken);
    }

    private async Task RememberAsync(Guid organizationId, ImportMapping mapping, CancellationToken cancellationToken)
    {
        // What this file's shape fixed (its header row, its form) is found again in the next one: replayed, it would
        // misread a file laid out differently (another tool, or the full form after a quick one).
        var json = (mapping with { HeaderRow = null, Form = null }).ToJson();
        var saved = await db.LastImportMappings.FirstOrDefaultAsync(m => m.OrganizationId == organizationId, cancellationToken);
        if (saved is null)
        {
            db.LastImportMappings.Add(new LastImportMapping { OrganizationId = organizationId, MappingJson = json });
        }
        else
        {
            saved.MappingJson = json;
            saved.SavedAt = DateTime.UtcNow;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The responses as survey answers are stored, in the assessment's instrument's order, in a random order with
    /// random ids: the file's row order could tie a response to a person (a form tool's export is in order of
    /// answering, or of a name column).
    /// </summary>
    private List<SurveyResponse> Rows(Assessment assessment, ImportResult import)
    {
        var set = import.Responses;
        var items = AssessmentScoring.InstrumentOf(assessment).Items.Select(i => set.IndexOf(i.Id)).ToArray();
        var width = set.Items.Count;
        var answers = set.AnswerBytes;
        var role = set.Attributes.FirstOrDefault(a => a.Name == "role");
        var team = set.Attributes.FirstOrDefault(a => a.Name == "team");
        var order = Enumerable.Range(0, set.Count).ToArray();
        RandomNumberGenerator.Shuffle(order.AsSpan());
        var day = DateOnly.FromDateTime(DateTime.UtcNow);
        var rows = new List<SurveyResponse>(set.Count);
        foreach (var respondent in order)
        {
            var row = answers.Slice(respondent * width, width);
            var stored = new byte[items.Length];
            for (var i = 0; i < items.Length; i++)
            {
                stored[i] = items[i] < 0 ? (byte)0 : row[items[i]];
            }

            rows.Add(new SurveyResponse
            {
                AssessmentId = assessment.Id,
                SubmittedOn = day,
                Role = seal.SealAttribute(assessment.Id, role is null ? "" : role.Values[role.Codes[respondent]]),
                Team = seal.SealAttribute(assessment.Id, team is null ? "" : team.Values[team.Codes[respondent]]),
                Answers = stored,
            });
        }

        return rows;
    }

    private static string Grouped(ImportResult import) =>
        (import.Report.Attributes.Any(a => a.Name == "role"), import.Report.Attributes.Any(a => a.Name == "team")) switch
        {
            (false, false) => "no breakdown",
            (true, false) => "broken down by role",
            (false, true) => "broken down by team",
            _ => "broken down by role and team",
        };

    private static string InstrumentText(Assessment assessment)
    {
        if (assessment.InstrumentJson is null)
        {
            return assessment.QuickForm ? "quick form" : "full instrument";
        }

        var instrument = AssessmentScoring.InstrumentOf(assessment);
        return $"custom instrument \u201c{instrument.Name}\u201d (id {instrument.Id}, version {instrument.Version})";
    }
}
