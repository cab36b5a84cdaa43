using System.Globalization;
using System.Text;
using System.Text.Json;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Benchmarks;

/// <summary>
/// Published driver norms: per company phase × ACV band × driver, how many organizations and five quantiles of their
/// scores rounded to whole points (<see cref="NormsCell"/>), only where at least <see cref="NormsCell.MinimumOrganizations"/>
/// organizations contribute. Exported from one SalesWheel's
/// peer pool and imported into another (docs/benchmarks.md). JSON, version 1:
/// <code>
/// { "format": "saleswheel-norms", "version": 1, "quantiles": "harrell-davis",
///   "cells": [ { "phase": "scale", "acv": "15k-50k", "driver": "enablement", "count": 12,
///                "p10": 41, "p25": 49, "p50": 55, "p75": 62, "p90": 66 } ] }
/// </code>
/// No organization's name, size, date or exact score is in it.
/// </summary>
/// <param name="Cells">The cells, each phase × ACV band × driver at most once.</param>
public sealed record NormsFile(IReadOnlyList<NormsCell> Cells)
{
    /// <summary>The value of the file's <c>format</c> field.</summary>
    public const string FormatName = "saleswheel-norms";

    /// <summary>The version this SalesWheel writes and reads.</summary>
    public const int Version = 1;

    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    /// <summary>The cell of a phase, ACV band and driver; null when the file has none.</summary>
    public NormsCell? Find(CompanyPhase phase, AcvBand acv, string driver) =>
        Cells.FirstOrDefault(c => c.Phase == phase && c.Acv == acv && string.Equals(c.Driver, driver, StringComparison.Ordinal));

    /// <summary>
    /// The norms of a peer pool: every phase × ACV band × driver with at least <see cref="NormsCell.MinimumOrganizations"/>
    /// organizations' scores that
    /// <see cref="NormsCell.From"/> may publish, in phase, band and driver order.
    /// </summary>
    /// <param name="pool">One entry per organization and driver: its phase, band, driver id and 0–100 score.</param>
    public static NormsFile FromPool(IEnumerable<(CompanyPhase Phase, AcvBand Acv, string Driver, double Score)> pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var cells = pool.GroupBy(e => (e.Phase, e.Acv, e.Driver))
            .OrderBy(g => g.Key.Phase).ThenBy(g => g.Key.Acv).ThenBy(g => DriverOrder(g.Key.Driver))
            .Select(g => NormsCell.From(g.Key.Phase, g.Key.Acv, g.Key.Driver, g.Select(e => e.Score).ToList()))
            .OfType<NormsCell>()
            .ToList();
        return new NormsFile(cells);
    }

    private static int DriverOrder(string driver) => Drivers.Ids.ToList().IndexOf(driver) is var i and >= 0 ? i : int.MaxValue;

    /// <summary>The file's JSON (UTF-8, indented; quantiles as the cells hold them, whole points from <see cref="NormsCell.From"/>).</summary>
    public string Write()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Indented))
        {
            json.WriteStartObject();
            json.WriteString("format", FormatName);
            json.WriteNumber("version", Version);
            json.WriteString("quantiles", NormsQuantiles.Method);
            json.WriteStartArray("cells");
            foreach (var cell in Cells)
            {
                json.WriteStartObject();
                json.WriteString("phase", cell.Phase.Code());
                json.WriteString("acv", cell.Acv.Code());
                json.WriteString("driver", cell.Driver);
                json.WriteNumber("count", cell.Count);
                for (var i = 0; i < Fields.Count; i++)
                {
                    json.WriteNumber(Fields[i], cell.Quantiles[i]);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static readonly IReadOnlyList<string> Fields = ["p10", "p25", "p50", "p75", "p90"];

    /// <summary>Reads and checks a norms file.</summary>
    /// <param name="json">The file's text.</param>
    /// <exception cref="NormsFileException">It is not JSON, not a version-1 norms file, or any cell is wrong: the message names every problem (up to 50), by cell number (from 1) and field.</exception>
    public static NormsFile Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new NormsFileException([$"it is not JSON ({e.Message})"]);
        }

        using (document)
        {
            var problems = new List<string>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new NormsFileException(["it is not a JSON object"]);
            }

            if (!(root.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String && format.GetString() == FormatName))
            {
                throw new NormsFileException([$"it is not a SalesWheel norms file (\"format\" must be \"{FormatName}\")"]);
            }

            if (!(root.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var v)))
            {
                throw new NormsFileException(["\"version\" is missing or not a whole number"]);
            }

            if (v != Version)
            {
                throw new NormsFileException([$"it is version {v}; this SalesWheel reads version {Version}"]);
            }

            if (!(root.TryGetProperty("quantiles", out var method) && method.ValueKind == JsonValueKind.String && method.GetString() == NormsQuantiles.Method))
            {
                problems.Add($"\"quantiles\" must be \"{NormsQuantiles.Method}\" (the method its quantiles were computed by)");
            }

            if (!root.TryGetProperty("cells", out var cellsElement) || cellsElement.ValueKind != JsonValueKind.Array)
            {
                problems.Add("\"cells\" is missing or not a list");
                throw new NormsFileException(problems);
            }

            var cells = new List<NormsCell>();
            var seen = new HashSet<(CompanyPhase, AcvBand, string)>();
            var number = 0;
            foreach (var element in cellsElement.EnumerateArray())
            {
                number++;
                if (ReadCell(element, $"cell {number}", problems) is { } cell)
                {
                    if (!seen.Add((cell.Phase, cell.Acv, cell.Driver)))
                    {
                        problems.Add($"cell {number}: {cell.Phase.Code()}, {cell.Acv.Code()}, {cell.Driver} appears more than once");
                    }

                    cells.Add(cell);
                }
            }

            if (problems.Count > 0)
            {
                throw new NormsFileException(problems);
            }

            return new NormsFile(cells);
        }
    }

    private static NormsCell? ReadCell(JsonElement element, string where, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{where}: not an object");
            return null;
        }

        var before = problems.Count;
        string? Text(string name)
        {
            if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }

            problems.Add($"{where}: \"{name}\" is missing or not text");
            return null;
        }

        var phaseText = Text("phase");
        var phase = ContextCodes.ParsePhase(phaseText);
        if (phaseText is not null && phase is null)
        {
            problems.Add($"{where}: phase \"{phaseText}\" is not pmf, gtm-fit or scale");
        }

        var acvText = Text("acv");
        var acv = ContextCodes.ParseAcv(acvText);
        if (acvText is not null && acv is null)
        {
            problems.Add($"{where}: acv \"{acvText}\" is not lt15k, 15k-50k or gt50k");
        }

        var driver = Text("driver");
        if (driver is not null && !Drivers.Ids.Contains(driver, StringComparer.Ordinal))
        {
            problems.Add($"{where}: driver \"{driver}\" is not one of {string.Join(", ", Drivers.Ids)}");
        }

        var count = 0;
        if (!(element.TryGetProperty("count", out var countElement) && countElement.ValueKind == JsonValueKind.Number && countElement.TryGetInt32(out count)))
        {
            problems.Add($"{where}: \"count\" is missing or not a whole number");
        }
        else if (count < NormsCell.MinimumOrganizations)
        {
            problems.Add($"{where}: count {count} is below {NormsCell.MinimumOrganizations}: a cell needs at least {NormsCell.MinimumOrganizations} organizations");
        }

        var q = new double[Fields.Count];
        for (var i = 0; i < Fields.Count; i++)
        {
            if (!(element.TryGetProperty(Fields[i], out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out q[i]) && double.IsFinite(q[i])))
            {
                problems.Add($"{where}: \"{Fields[i]}\" is missing or not a number");
                q[i] = double.NaN;
            }
            else if (q[i] is < 0 or > 100)
            {
                problems.Add($"{where}: {Fields[i]} {q[i].ToString(CultureInfo.InvariantCulture)} is outside 0–100");
            }
            else if (q[i] != Math.Round(q[i]))
            {
                // Unrounded quantiles of a small cell could be solved for its scores (NormsCell.MinimumOrganizations).
                problems.Add($"{where}: {Fields[i]} {q[i].ToString(CultureInfo.InvariantCulture)} is not a whole number (quantiles are published rounded to whole points)");
            }
        }

        for (var i = 1; i < Fields.Count; i++)
        {
            if (q[i] < q[i - 1])
            {
                problems.Add($"{where}: {Fields[i]} is below {Fields[i - 1]} (quantiles must not decrease)");
            }
        }

        return problems.Count == before
            ? new NormsCell(phase!.Value, acv!.Value, driver!, count, q[0], q[1], q[2], q[3], q[4])
            : null;
    }
}

/// <summary>A norms file that cannot be used, with every problem found.</summary>
public sealed class NormsFileException : Exception
{
    /// <summary>The most problems the message lists; the rest are counted.</summary>
    public const int MostListed = 50;

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <param name="problems">At least one problem, in words.</param>
    public NormsFileException(IReadOnlyList<string> problems)
        : base(MessageOf(problems)) => Problems = problems;

    /// <summary>Not used: a norms file problem always names what is wrong.</summary>
    public NormsFileException()
        : this(["the norms file is not valid"])
    {
    }

    /// <summary>Not used: a norms file problem always names what is wrong.</summary>
    public NormsFileException(string message)
        : this([message])
    {
    }

    /// <summary>Not used: a norms file problem always names what is wrong.</summary>
    public NormsFileException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    private static string MessageOf(IReadOnlyList<string> problems) =>
        "The norms file cannot be used: " + string.Join("; ", problems.Take(MostListed))
        + (problems.Count > MostListed ? $"; and {problems.Count - MostListed} more problems" : "") + ".";
}
