using SalesWheel.Core.Exports;

namespace SalesWheel.Core.Instruments;

/// <summary>How the statement columns of an empty answers file are named.</summary>
public enum TemplateHeaders
{
    /// <summary>By the statement's id alone: <c>STR1</c>.</summary>
    Ids,

    /// <summary>By the id, a spaced hyphen and the statement's text, as form tools name columns: <c>STR1 - We have a clear…</c>.</summary>
    IdsAndTexts,
}

/// <summary>
/// The empty answers file of an instrument, for people who collect answers in another tool: the header row only,
/// <c>role</c>, <c>team</c> and one column per statement in instrument order. The one place that writes it (the upload
/// page and the statements page download it from here).
/// </summary>
public static class AnswersTemplate
{
    /// <summary>The breakdown columns every template starts with.</summary>
    public static IReadOnlyList<string> AttributeColumns { get; } = ["role", "team"];

    /// <summary>
    /// The header line, ending in CRLF (spreadsheet programs' own line end); a header holding a comma or a quote is quoted
    /// as CSV quotes it (<see cref="CsvCells.Quoted"/>).
    /// </summary>
    /// <param name="instrument">The instrument (full, quick or a custom one).</param>
    /// <param name="headers">Ids alone, or ids with the statement texts.</param>
    public static string Csv(Instrument instrument, TemplateHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var columns = AttributeColumns.Concat(instrument.Items.Select(i => headers == TemplateHeaders.IdsAndTexts ? $"{i.Id} - {i.Text}" : i.Id));
        return string.Join(',', columns.Select(CsvCells.Quoted)) + "\r\n";
    }

    /// <summary>The download's file name: <c>saleswheel-full-answers.csv</c>, <c>saleswheel-quick-answers-with-statements.csv</c>.</summary>
    /// <param name="form"><c>full</c> or <c>quick</c> (as the pages name the built-in forms).</param>
    /// <param name="headers">As for <see cref="Csv"/>.</param>
    public static string FileName(string form, TemplateHeaders headers) =>
        $"saleswheel-{form}-answers{(headers == TemplateHeaders.IdsAndTexts ? "-with-statements" : "")}.csv";
}
