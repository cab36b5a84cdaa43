using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Imports;

/// <summary>A file read by <see cref="AnswerImport"/>: the answers, ready to score, and how they were read.</summary>
/// <param name="Responses">The answers, against the instrument of <see cref="ImportReport.Instrument"/> (the quick form when detected).</param>
/// <param name="Report">What was found and how each column and value was read, to show before storing anything.</param>
public sealed record ImportResult(ResponseSet Responses, ImportReport Report);
