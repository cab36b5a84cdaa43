using SalesWheel.Core.Exports;
using SalesWheel.Core.Text;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.People;

/// <summary>One good row of an import file; <c>Attributes</c> holds the values of the attribute columns the file has, by attribute id ("" clears a value).</summary>
public sealed record ImportRow(int Line, string Name, string Email, RoleChoice Role, string Team, IReadOnlyDictionary<Guid, string> Attributes)
{
    /// <summary>The person's stored attribute values once this row is applied over <paramref name="current"/>.</summary>
    public string AttributesOver(string current) =>
        AttributeValues.Write(AttributeValues.Read(current).Where(v => !Attributes.ContainsKey(v.Key)).Concat(Attributes));
}

/// <summary>
/// A role as written in the file (first spelling met), on how many rows, and what it reads as: directly (one of the
/// organization's roles or a family) or through the admin's mapping; null when neither.
/// </summary>
public sealed record ImportRoleValue(string Text, int Rows, RoleChoice? Direct, RoleChoice? Mapped)
{
    public RoleChoice? ReadsAs => Direct ?? Mapped;
}

/// <summary>What is wrong with a line of the file (or with the file, when <see cref="Line"/> is null).</summary>
public sealed record ImportProblem(int? Line, string Reason)
{
    public override string ToString() => Line is { } line ? $"Line {line}: {Reason}" : Reason;
}

/// <summary>
/// Reads a people file by the reading policy of <see cref="CsvText"/> (encoding, delimiter, a <c>sep=</c> line): a
/// header row naming the columns name, email, role and team (team may be left out, extra columns are ignored, any
/// order), and a column for each of the organization's attributes it gives (named like the attribute, any case). Every bad row is reported with its line number and every reason, never only the first.
/// </summary>
public static class PeopleCsv
{
    public static readonly string[] Columns = ["name", "email", "role", "team"];

    /// <summary>
    /// The people as a file this import reads back: the columns name, email, role (the own role's name, else the
    /// family), team, then one per attribute; UTF-8 with a byte order mark (Excel), every cell through the product's CSV
    /// guard (<see cref="CsvCells.Quoted"/>), so a name a spreadsheet would run as a formula starts with an apostrophe.
    /// </summary>
    public static byte[] Write(IEnumerable<Person> people, RoleCatalog roles, IReadOnlyList<AttributeDefinition> attributes)
    {
        var text = new System.Text.StringBuilder();
        void Line(IEnumerable<string> cells) => text.Append(string.Join(',', cells.Select(CsvCells.Quoted))).Append("\r\n");
        Line([.. Columns, .. attributes.Select(a => a.Name)]);
        foreach (var person in people)
        {
            var values = AttributeValues.Read(person.AttributesJson);
            Line([person.Name, person.Email, roles.NameOf(person), person.Team, .. attributes.Select(a => values.GetValueOrDefault(a.Id, ""))]);
        }

        return [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>
    /// The text of an uploaded file (<see cref="CsvText.Decode"/>). A file that is neither UTF-8 nor marked as UTF-16 is
    /// refused rather than read as Windows-1252: a guessed encoding would import garbled names into the list.
    /// </summary>
    /// <returns>The text, or null when the file is not UTF-8 and has no byte order mark.</returns>
    public static string? Decode(byte[] bytes) =>
        CsvText.IsUnicode(bytes) ? CsvText.Decode(bytes).Text : null;

    /// <summary>
    /// Reads the rows; a role is read by <paramref name="roles"/> (the organization's own roles and the families), a
    /// column named like one of <paramref name="attributes"/> gives its values.
    /// </summary>
    /// <param name="text">The file's text.</param>
    /// <param name="roles">The organization's roles.</param>
    /// <param name="attributes">The organization's attributes.</param>
    /// <param name="mapping">
    /// Roles the admin mapped: a value of the file (any case, trimmed) to the role it stands for ("Account Executive" →
    /// "AE"); used only for values <paramref name="roles"/> does not read itself.
    /// </param>
    public static (IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportProblem> Problems, IReadOnlyList<string> IgnoredColumns, IReadOnlyList<ImportRoleValue> RoleValues) Parse(
        string text, RoleCatalog roles, IReadOnlyList<AttributeDefinition> attributes, IReadOnlyDictionary<string, string>? mapping = null)
    {
        var roleValues = new Dictionary<string, (string Text, int Rows)>(StringComparer.OrdinalIgnoreCase);
        RoleChoice? Mapped(string value) =>
            mapping is not null && mapping.TryGetValue(value.Trim(), out var target) ? roles.Read(target) : null;
        var (rows, problems, ignored) = ParseRows(text, roles, attributes, value =>
        {
            roleValues[value] = roleValues.TryGetValue(value, out var seen) ? (seen.Text, seen.Rows + 1) : (value, 1);
            return roles.Read(value) ?? Mapped(value);
        });
        var values = roleValues.Values.OrderBy(v => v.Text, StringComparer.OrdinalIgnoreCase)
            .Select(v => new ImportRoleValue(v.Text, v.Rows, roles.Read(v.Text), roles.Read(v.Text) is null ? Mapped(v.Text) : null)).ToList();
        return (rows, problems, ignored, values);
    }

    private static (IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportProblem> Problems, IReadOnlyList<string> IgnoredColumns) ParseRows(
        string text, RoleCatalog roles, IReadOnlyList<AttributeDefinition> attributes, Func<string, RoleChoice?> readRole)
    {
        text = text.TrimStart('\uFEFF');
        var rows = new List<ImportRow>();
        var problems = new List<ImportProblem>();
        var ignored = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new(null, "The file is empty. It needs a header row (name,email,role,team) and then one row per person."));
            return (rows, problems, ignored);
        }

        try
        {
            using var reader = CsvText.Records(text, CsvText.DetectLayout(text)!.Value);
            var columns = new Dictionary<string, int>(StringComparer.Ordinal);
            var headerRead = false;
            var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in reader)
            {
                var cells = new string[row.ColCount];
                for (var c = 0; c < cells.Length; c++)
                {
                    cells[c] = row[c].ToString().Trim();
                }

                if (cells.All(c => c.Length == 0))
                {
                    continue; // blank lines are not rows
                }

                // Sep 0.17 reports the first row's start line as its end line; the first row always starts on line 1.
                var line = row.RowIndex == 0 ? 1 : row.LineNumberFrom;
                if (!headerRead)
                {
                    headerRead = true;
                    if (!ReadHeader(cells, line, columns, ignored, problems, attributes))
                    {
                        return (rows, problems, ignored); // without the columns no row can be judged
                    }

                    continue;
                }

                if (cells.Any(c => c.Contains('\n', StringComparison.Ordinal)))
                {
                    // A quote that never closes swallows the line breaks after it: the next lines read as part of this row.
                    var last = line + cells.Sum(c => c.Count(ch => ch == '\n'));
                    problems.Add(new(line, $"a quote (\") opens a value that does not close on this line, so lines {line} to {last} read as one row: close the quote or remove it"));
                    continue;
                }

                string Cell(string column) => columns.TryGetValue(column, out var c) && c < cells.Length ? cells[c] : "";
                var reasons = new List<string>();
                var name = Cell("name");
                var email = EmailAddresses.Normalize(Cell("email"));
                var roleText = Cell("role");
                var team = Cell("team");
                if (name.Length == 0)
                {
                    reasons.Add("missing name");
                }
                else if (name.Length > 200)
                {
                    reasons.Add("the name is longer than 200 characters");
                }

                if (email.Length == 0)
                {
                    reasons.Add("missing email");
                }
                else if (!EmailAddresses.IsValid(email))
                {
                    reasons.Add($"\"{Cell("email")}\" is not a valid email address");
                }
                else if (firstLine.TryGetValue(email, out var earlier))
                {
                    reasons.Add($"duplicate email: {email} is also on line {earlier}");
                }
                else
                {
                    firstLine[email] = line;
                }

                var role = roleText.Length == 0 ? null : readRole(roleText);
                if (roleText.Length == 0)
                {
                    reasons.Add($"missing role (use {roles.Accepted})");
                }
                else if (role is null)
                {
                    reasons.Add($"unknown role \"{roleText}\" (use {roles.Accepted})");
                }

                if (team.Length > 100)
                {
                    reasons.Add("the team is longer than 100 characters");
                }

                var values = new Dictionary<Guid, string>();
                foreach (var attribute in attributes.Where(a => columns.ContainsKey(a.Name.ToLowerInvariant())))
                {
                    var value = Cell(attribute.Name.ToLowerInvariant());
                    if (value.Length > AttributeSettings.MaximumValueLength)
                    {
                        reasons.Add($"the {attribute.Name} is longer than {AttributeSettings.MaximumValueLength} characters");
                    }

                    values[attribute.Id] = value;
                }

                if (reasons.Count > 0)
                {
                    problems.Add(new(line, string.Join("; ", reasons)));
                }
                else
                {
                    rows.Add(new ImportRow(line, name, email, role!.Value, team, values));
                }
            }

            if (!headerRead)
            {
                problems.Add(new(null, "The file is empty. It needs a header row (name,email,role,team) and then one row per person."));
            }
            else if (rows.Count == 0 && problems.Count == 0)
            {
                problems.Add(new(null, "The file has a header row but no people under it."));
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or NotSupportedException)
        {
            problems.Add(new(null, "The file could not be read as CSV: " + e.Message));
        }

        return (rows, problems, ignored);
    }

    private static bool ReadHeader(string[] cells, int line, Dictionary<string, int> columns, List<string> ignored, List<ImportProblem> problems, IReadOnlyList<AttributeDefinition> attributes)
    {
        var reasons = new List<string>();
        for (var c = 0; c < cells.Length; c++)
        {
            var column = cells[c].ToLowerInvariant();
            if (!Columns.Contains(column) && !attributes.Any(a => a.Name.ToLowerInvariant() == column))
            {
                ignored.Add(cells[c].Length == 0 ? $"(column {c + 1}, no name)" : cells[c]);
            }
            else if (!columns.TryAdd(column, c))
            {
                reasons.Add($"the column \"{column}\" appears twice");
            }
        }

        foreach (var required in Columns[..3].Where(r => !columns.ContainsKey(r)))
        {
            reasons.Add($"the header has no \"{required}\" column");
        }

        if (reasons.Count > 0)
        {
            problems.Add(new(line, string.Join("; ", reasons) + ". The first row must name the columns: name,email,role,team."));
        }

        return reasons.Count == 0;
    }
}
