using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using ExcelDataReader;
using ExcelDataReader.Exceptions;
using SalesWheel.Core.Text;

namespace SalesWheel.Core.Imports;

/// <summary>
/// Outcome metrics per team (SCORING.md "Outcomes and key drivers", team level): metric names in the order given, and
/// per team (its value trimmed, matched exactly against the answers' <see cref="TeamAttribute"/> values) a value or
/// null per metric. Read from a file by <see cref="TeamMetricsFile"/>, or built from values typed in.
/// </summary>
public sealed class TeamMetricsTable
{
    /// <summary>The attribute (answers column, any case) and metrics file column that names the team.</summary>
    public const string TeamAttribute = "team";

    private readonly Dictionary<string, IReadOnlyDictionary<string, double?>> _rows;

    /// <summary>Builds a table; team names are trimmed, metric names trimmed.</summary>
    /// <param name="metrics">Metric names (e.g. <c>win-rate</c>, <c>quota-attainment</c>), in the order to report them.</param>
    /// <param name="rows">Per team, its values by metric name; a missing metric is no value.</param>
    /// <exception cref="ArgumentException">A metric name is blank or given twice (in any case), a team is blank or given
    /// twice (after trimming), a row names a metric not in <paramref name="metrics"/>, or a value is not a finite number.</exception>
    public TeamMetricsTable(IReadOnlyList<string> metrics, IEnumerable<KeyValuePair<string, IReadOnlyDictionary<string, double?>>> rows)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(rows);
        var names = metrics.Select(m => m.Trim()).ToList();
        if (names.Any(m => m.Length == 0))
        {
            throw new ArgumentException("A metric needs a name.", nameof(metrics));
        }

        if (names.GroupBy(m => m, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"The metric \"{twice.Key}\" is given twice.", nameof(metrics));
        }

        var known = new HashSet<string>(names, StringComparer.Ordinal);
        _rows = new Dictionary<string, IReadOnlyDictionary<string, double?>>(StringComparer.Ordinal);
        var teams = new List<string>();
        foreach (var (rawTeam, values) in rows)
        {
            var team = rawTeam.Trim();
            if (team.Length == 0)
            {
                throw new ArgumentException("A team needs a name.", nameof(rows));
            }

            if (_rows.ContainsKey(team))
            {
                throw new ArgumentException($"The team \"{team}\" is given twice.", nameof(rows));
            }

            var row = new Dictionary<string, double?>(StringComparer.Ordinal);
            foreach (var (rawMetric, value) in values)
            {
                var metric = rawMetric.Trim();
                if (!known.Contains(metric))
                {
                    throw new ArgumentException($"The team \"{team}\" has a value for \"{metric}\", which is not one of the metrics.", nameof(rows));
                }

                if (value is { } v && !double.IsFinite(v))
                {
                    throw new ArgumentException($"The team \"{team}\" has no finite number for \"{metric}\".", nameof(rows));
                }

                row[metric] = value;
            }

            _rows[team] = row;
            teams.Add(team);
        }

        Metrics = names;
        Teams = teams;
    }

    /// <summary>Metric names, in file order.</summary>
    public IReadOnlyList<string> Metrics { get; }

    /// <summary>Teams, in file order.</summary>
    public IReadOnlyList<string> Teams { get; }

    /// <summary>A team's value of a metric; null when the team or the value is not given.</summary>
    public double? Value(string team, string metric) =>
        _rows.TryGetValue(team.Trim(), out var row) ? row.GetValueOrDefault(metric) : null;
}

/// <summary>A metrics file that cannot be read; <see cref="Problems"/> lists every problem, each saying where.</summary>
/// <param name="source">The file's name, as given.</param>
/// <param name="problems">Every problem, e.g. "line 4, column win-rate: "abc" is not a number".</param>
public sealed class InvalidTeamMetricsException(string source, IReadOnlyList<string> problems)
    : Exception($"{source}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}; no metrics were read.{string.Concat(problems.Select(p => $"{Environment.NewLine}  {p}"))}")
{
    /// <summary>Every problem, in file order.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Reads outcome metrics per team from a file, by the same rules as answers (<see cref="AnswerImport"/>): CSV in
/// <see cref="CsvText"/>'s encodings and delimiters, an Excel workbook (.xlsx, first sheet), or a ZIP holding one CSV.
/// The header row is the first; its column <c>team</c> (any case) names the team; every other column with a header is a
/// metric named by its trimmed header (e.g. <c>win-rate</c>). A cell is a number with <c>.</c> or <c>,</c> as decimal
/// mark, optionally with a <c>%</c> sign (45% reads 45; an Excel cell formatted as a percentage reads likewise), or
/// blank / <c>NA</c> / <c>N/A</c> / <c>-</c> for no value. Rows with every cell blank are skipped.
/// </summary>
public static class TeamMetricsFile
{
    /// <summary>Reads a metrics file.</summary>
    /// <exception cref="InvalidTeamMetricsException">The file cannot be read or holds bad cells; every one is named by line and column.</exception>
    public static TeamMetricsTable Read(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidTeamMetricsException(path, [$"cannot read the file: {e.Message}"]);
        }

        using (stream)
        {
            return Read(stream, path);
        }
    }

    /// <summary>Reads metrics from a stream; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="InvalidTeamMetricsException">As <see cref="Read(string)"/>.</exception>
    public static TeamMetricsTable Read(Stream stream, string source)
    {
        stream = FileKinds.Seekable(stream);
        List<(string[] Cells, RowPosition Position)> rows;
        try
        {
            rows = FileKinds.Of(stream) switch
            {
                FileKind.Zip => ZipRows(stream, source),
                FileKind.OldExcel => throw new InvalidTeamMetricsException(source,
                    ["this is an old Excel workbook (.xls): open it in Excel and save it as .xlsx or as \"CSV UTF-8\", then use that file"]),
                _ => CsvRows(stream),
            };
        }
        catch (Exception e) when (e is InvalidDataException or ExcelReaderException or XmlException or FormatException or NotSupportedException
            or DecoderFallbackException)
        {
            throw new InvalidTeamMetricsException(source, [$"the file cannot be read: {e.Message}"]);
        }

        return Parse(rows, source);
    }

    private static List<(string[] Cells, RowPosition Position)> CsvRows(Stream stream)
    {
        var (text, layout, _) = CsvText.Open(stream, leaveOpen: true);
        using var _ = text;
        var rows = new List<(string[], RowPosition)>();
        if (layout is null)
        {
            return rows;
        }

        var rowOffset = layout.Value.SeparatorLine ? 0 : 1;
        using var reader = CsvText.Records(text, layout.Value);
        foreach (var row in reader)
        {
            var cells = new string[row.ColCount];
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c] = row[c].ToString();
            }

            // As for answers: the first row starts on line 1, Sep numbers the others from the line they start on.
            rows.Add((cells, new RowPosition(row.RowIndex + rowOffset, row.RowIndex == 0 ? layout.Value.HeaderLine : row.LineNumberFrom)));
        }

        return rows;
    }

    private static List<(string[] Cells, RowPosition Position)> ZipRows(Stream stream, string source)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        if (zip.GetEntry("xl/workbook.xml") is not null)
        {
            stream.Position = 0;
            return WorkbookRows(stream);
        }

        var csv = zip.Entries.Where(e => e.Length > 0 && !e.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal)
            && (e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || e.Name.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) || e.Name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))).ToList();
        if (csv.Count != 1)
        {
            throw new InvalidTeamMetricsException(source, [$"this is a ZIP archive holding {(csv.Count == 0 ? "no CSV file" : $"{csv.Count} CSV files")}: use a ZIP with exactly one CSV file, or the CSV itself"]);
        }

        var text = new MemoryStream();
        using (var entry = csv[0].Open())
        {
            entry.CopyTo(text);
        }

        text.Position = 0;
        return CsvRows(text);
    }

    private static List<(string[] Cells, RowPosition Position)> WorkbookRows(Stream stream)
    {
        var fallback = AnswerImport.Windows1252.Value;
        using var excel = ExcelReaderFactory.CreateOpenXmlReader(stream, new ExcelReaderConfiguration { LeaveOpen = true, FallbackEncoding = fallback });
        var rows = new List<(string[], RowPosition)>();
        var number = 0;
        while (excel.Read())
        {
            number++;
            var cells = new string[excel.FieldCount];
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c] = excel.GetValue(c) switch
                {
                    null => "",
                    string s => s,
                    // A cell formatted as a percentage holds 0.45 and shows 45%: read what the person sees.
                    double d when (excel.GetNumberFormatString(c) ?? "").Contains('%', StringComparison.Ordinal) => (d * 100).ToString("R", CultureInfo.InvariantCulture) + "%",
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var other => other.ToString() ?? "",
                };
            }

            rows.Add((cells, new RowPosition(number, number)));
        }

        return rows;
    }

    private static TeamMetricsTable Parse(List<(string[] Cells, RowPosition Position)> rows, string source)
    {
        var problems = new List<string>();
        if (rows.Count == 0)
        {
            throw new InvalidTeamMetricsException(source, ["line 1: the file is empty; it needs a header row with a team column and one column per metric"]);
        }

        var (header, headerPosition) = rows[0];
        var names = header.Select(h => h.Trim()).ToArray();
        var teamColumns = Enumerable.Range(0, names.Length).Where(c => string.Equals(names[c], TeamMetricsTable.TeamAttribute, StringComparison.OrdinalIgnoreCase)).ToList();
        if (teamColumns.Count == 0)
        {
            problems.Add($"{headerPosition}: no column named \"{TeamMetricsTable.TeamAttribute}\"; the header needs a team column and one column per metric");
        }
        else if (teamColumns.Count > 1)
        {
            problems.Add($"{headerPosition}: the team column is given twice (columns {string.Join(" and ", teamColumns.Select(ColumnLetters.Of))})");
        }

        var metricColumns = new List<int>();
        var firstColumnOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < names.Length; c++)
        {
            if (teamColumns.Contains(c))
            {
                continue;
            }

            if (names[c].Length == 0)
            {
                // A column without a header is no metric; with values in it, the header was forgotten.
                if (rows.Skip(1).Any(r => c < r.Cells.Length && r.Cells[c].Trim().Length > 0))
                {
                    problems.Add($"{headerPosition}, column {ColumnLetters.Of(c)}: the column has values but no metric name");
                }

                continue;
            }

            if (firstColumnOf.TryGetValue(names[c], out var first))
            {
                problems.Add($"{headerPosition}, column {ColumnLetters.Of(c)}: the metric \"{names[c]}\" is given twice (also column {ColumnLetters.Of(first)})");
                continue;
            }

            firstColumnOf[names[c]] = c;
            metricColumns.Add(c);
        }

        if (metricColumns.Count == 0 && teamColumns.Count > 0)
        {
            problems.Add($"{headerPosition}: no metric columns; add one column per metric (e.g. win-rate) next to the team column");
        }

        var teamColumn = teamColumns.Count > 0 ? teamColumns[0] : -1;
        var lineOfTeam = new Dictionary<string, RowPosition>(StringComparer.Ordinal);
        var table = new List<KeyValuePair<string, IReadOnlyDictionary<string, double?>>>();
        foreach (var (cells, position) in rows.Skip(1))
        {
            if (cells.All(c => c.Trim().Length == 0))
            {
                continue;
            }

            var team = teamColumn >= 0 && teamColumn < cells.Length ? cells[teamColumn].Trim() : "";
            if (teamColumn >= 0 && team.Length == 0)
            {
                problems.Add($"{position}, column {names[teamColumn]}: no team name");
            }
            else if (teamColumn >= 0 && lineOfTeam.TryGetValue(team, out var earlier))
            {
                problems.Add($"{position}, column {names[teamColumn]}: the team \"{team}\" is given twice (also {earlier})");
            }
            else if (teamColumn >= 0)
            {
                lineOfTeam[team] = position;
            }

            var values = new Dictionary<string, double?>(StringComparer.Ordinal);
            foreach (var c in metricColumns)
            {
                var cell = c < cells.Length ? cells[c] : "";
                if (TryReadValue(cell, out var value))
                {
                    values[names[c]] = value;
                }
                else
                {
                    problems.Add($"{position}, column {names[c]}: \"{cell.Trim()}\" is not a number (write e.g. 45, 45.5, 45,5 or 45%; leave it blank when there is no value)");
                }
            }

            table.Add(new(team, values));
        }

        if (problems.Count > 0)
        {
            throw new InvalidTeamMetricsException(source, problems);
        }

        return new TeamMetricsTable(metricColumns.Select(c => names[c]).ToList(), table);
    }

    /// <summary>
    /// Reads one cell of a metric (a file's, or one typed in a form): a number with <c>.</c> or <c>,</c> as decimal mark,
    /// optionally with a <c>%</c> sign, or no value (blank, NA, N/A, -).
    /// </summary>
    /// <returns>False when the cell is neither (a bad cell, to be named by the caller); then <paramref name="value"/> is null.</returns>
    public static bool TryReadValue(string cell, out double? value)
    {
        var text = cell.Trim();
        value = null;
        if (text.Length == 0 || text == "-" || text.Equals("NA", StringComparison.OrdinalIgnoreCase) || text.Equals("N/A", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (text.EndsWith('%'))
        {
            text = text[..^1].TrimEnd();
        }

        // One decimal mark, either way; a thousands separator would be ambiguous with it, so it is not accepted.
        if (text.Contains(',', StringComparison.Ordinal) && text.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }

        text = text.Replace(',', '.');
        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            value = number;
            return true;
        }

        return false;
    }
}
