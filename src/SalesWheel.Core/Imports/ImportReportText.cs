namespace SalesWheel.Core.Imports;

/// <summary>The text renderings of an <see cref="ImportReport"/>.</summary>
internal static class ImportReportText
{
    public static string Summary(ImportReport report) => throw new NotImplementedException();

    public static string Describe(ImportReport report) => throw new NotImplementedException();
}
