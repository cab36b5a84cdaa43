using SalesWheel.Core.Responses;

namespace SalesWheel.Core.Imports;

/// <summary>
/// The one way answers come into SalesWheel (CLI <c>score</c>/<c>anonymize</c>/<c>compare</c>, the web upload, the API):
/// survey-tool exports as CSV (by <see cref="Text.CsvText"/>'s policy), Excel workbooks (.xlsx) and ZIP archives holding
/// one CSV, told apart by content. Finds the header row, maps columns to statements (by id in any case and wrapping, or
/// by statement text), reads numbers and scale labels, and reports all of it (<see cref="ImportReport"/>). One pass
/// over the rows.
/// </summary>
public static class AnswerImport
{
    /// <summary>At most this many problems are listed one by one; the rest are counted.</summary>
    public const int MaxListedProblems = ResponsesCsv.MaxListedProblems;

    /// <summary>Reads a file of answers.</summary>
    /// <exception cref="InvalidResponsesException">The file cannot be read or scored: each problem says where (row, line, column) and what.</exception>
    public static ImportResult Read(string path, ImportOptions options) => throw new NotImplementedException();

    /// <summary>Reads answers from a stream; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="InvalidResponsesException">The data cannot be scored: each problem says where (row, line, column) and what.</exception>
    public static ImportResult Read(Stream stream, string source, ImportOptions options) => throw new NotImplementedException();
}
