using System.Globalization;
using System.Text;

namespace SalesWheel.Core.Imports;

/// <summary>The text renderings of an <see cref="ImportReport"/> (the CLI prints them; the web renders its own HTML).</summary>
internal static class ImportReportText
{
    public static string Summary(ImportReport report)
    {
        var text = new StringBuilder();
        var statements = report.Instrument.Items.Count();
        var read = report.ItemColumns.ToList();
        var ways = read.GroupBy(c => c.How).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {How(g.Key)}");
        text.Append(CultureInfo.InvariantCulture, $"import: {What(report)}; header on {report.Header}");
        if (report.SkippedRows.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; {report.SkippedRows.Count} header row{Plural(report.SkippedRows.Count)} skipped");
        }

        text.AppendLine(".");
        text.Append(CultureInfo.InvariantCulture, $"import: {read.Count} of {statements} statements of {report.Instrument.Name} ({Form(report.Form)}) read: {string.Join(", ", ways)}");
        var attributes = report.Columns.Where(c => c.Target == ColumnTarget.Attribute).ToList();
        if (attributes.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; {string.Join(", ", attributes.Select(a => $"{a.Name} from \"{ImportText.Short(a.Header, 30)}\""))}");
        }

        var ignored = report.IgnoredColumns.Count();
        if (ignored > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; {ignored} column{Plural(ignored)} ignored");
        }

        text.AppendLine(".");
        text.Append(CultureInfo.InvariantCulture, $"import: answers {Answers(report)}; {report.Respondents} respondent{Plural(report.Respondents)}");
        if (report.SkippedEmptyRows > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", {report.SkippedEmptyRows} row{Plural(report.SkippedEmptyRows)} without answers skipped");
        }

        text.AppendLine(".");
        return text.ToString();
    }

    public static string Describe(ImportReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"File: {report.Source}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Format: {What(report)}");
        if (report.EncodingNote is { } note)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Encoding: {note}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Header: {report.Header}");
        foreach (var skipped in report.SkippedRows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  skipped {skipped.Position}: {skipped.Reason}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Instrument: {report.Instrument.Name} — {Form(report.Form)} ({report.ItemColumns.Count()} of {report.Instrument.Items.Count()} statements have a column)");
        text.AppendLine();
        text.AppendLine("Columns:");
        var texts = report.Instrument.Items.ToDictionary(i => i.Id, i => i.Text, StringComparer.Ordinal);
        foreach (var column in report.Columns)
        {
            var question = column.QuestionText is { } q ? $" (under \"{ImportText.Short(q, 50)}\")" : "";
            var became = column.Target switch
            {
                ColumnTarget.Item => $"statement {column.Name}, {How(column.How)}",
                ColumnTarget.Attribute => $"attribute {column.Name}, {How(column.How)}",
                _ when column.Name is not null => $"ignored: looks like the {column.Name} column (group by {column.Name} to use it)",
                _ when column.ClosestStatement is { } closest => $"ignored; closest statement {closest} \"{ImportText.Short(texts.GetValueOrDefault(closest, ""), 50)}\"",
                _ => "ignored",
            };
            var header = column.Header.Length == 0 ? "(no header)" : $"\"{ImportText.Short(column.Header, 70)}\"";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {column.Letter,-3} {header}{question} → {became}");
        }

        if (report.ItemsWithoutColumn.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Statements with no column ({report.ItemsWithoutColumn.Count}): {string.Join(", ", report.ItemsWithoutColumn)}");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Answers: {Answers(report)}");
        foreach (var value in report.Values)
        {
            var point = value.Point is { } p ? p.ToString(CultureInfo.InvariantCulture) : "not answered";
            var how = value.ReadAs switch
            {
                ValueReading.Number => "number",
                ValueReading.Label => "label",
                ValueReading.Unknown => "unknown: choose its scale point",
                _ => "not answered",
            };
            text.AppendLine(CultureInfo.InvariantCulture, $"  \"{ImportText.Short(value.Text, 40)}\" × {value.Count} → {point} ({how})");
        }

        foreach (var attribute in report.Attributes)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Attribute {attribute.Name} (column {ColumnLetters.Of(attribute.Column)}):");
            foreach (var value in attribute.Values)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  \"{value.Value}\" × {value.Count}");
            }

            foreach (var group in attribute.NearDuplicates)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  near-duplicates: {string.Join(" / ", group.Select(v => $"\"{v}\""))}");
            }
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Respondents: {report.Respondents}; rows without answers skipped: {report.SkippedEmptyRows}");
        if (report.Warnings.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Warnings:");
            foreach (var warning in report.Warnings)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  [{warning.Code}] {warning.Message}");
            }
        }

        return text.ToString();
    }

    private static string What(ImportReport report) => report.Format switch
    {
        ImportFormat.ExcelWorkbook => $"this is an Excel workbook, sheet \"{report.Part}\"",
        ImportFormat.ZipCsv => $"a ZIP archive holding {report.Part} ({Csv(report)})",
        _ => $"CSV ({Csv(report)})",
    };

    private static string Csv(ImportReport report) =>
        $"{report.Encoding}, {(report.Delimiter switch { ';' => "semicolons", '\t' => "tabs", _ => "commas" })}";

    private static string Answers(ImportReport report)
    {
        if (report.NumbersOnly)
        {
            return report.ReverseScale
                ? $"numbers only, read as {report.Direction}"
                : $"numbers only, read as {report.Direction} (as in your tool? if it numbered from the other end, reverse the scale)";
        }

        var labels = report.Values.Count(v => v.ReadAs == ValueReading.Label);
        var numbers = report.Values.Count(v => v.ReadAs == ValueReading.Number);
        return labels > 0 && numbers > 0
            ? $"{labels} scale label{Plural(labels)} and numbers read as {report.Direction}"
            : $"{labels} scale label{Plural(labels)}";
    }

    private static string Form(InstrumentForm form) => form switch
    {
        InstrumentForm.Quick => "quick form",
        InstrumentForm.Custom => "some statements",
        _ => "full form",
    };

    private static string How(MatchedBy how) => how switch
    {
        MatchedBy.ItemId => "by id",
        MatchedBy.IdInBrackets => "by id in X[ID]",
        MatchedBy.IdInPath => "by id in group/ID",
        MatchedBy.IdBeforeText => "by id before the text",
        MatchedBy.StatementText => "by statement text",
        MatchedBy.HeaderText => "by header",
        MatchedBy.QuestionText => "by the question above",
        MatchedBy.Mapping => "by the mapping",
        _ => "not recognised",
    };

    private static string Plural(int count) => count == 1 ? "" : "s";
}
