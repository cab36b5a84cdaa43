using SalesWheel.Core.Imports;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Responses;
using SalesWheel.Core.Scoring;
using static SalesWheel.Core.Tests.Imports.ExportFiles;
using static SalesWheel.Core.Tests.Imports.ImportCases;

namespace SalesWheel.Core.Tests.Imports;

public sealed class ImportFormatTests
{
    private static ImportResult Import(byte[] bytes, ImportOptions? options = null, string name = "answers.csv") =>
        AnswerImport.Read(new MemoryStream(bytes), name, options ?? new ImportOptions());

    [Fact]
    public void AWorkbookWrittenFromATruthFileScoresLikeIt()
    {
        const string name = "01_google_forms_grid_labels";
        var truth = ReadTruth(name, BuiltInInstrument.Full);
        var workbook = Workbook(("Form1", Rows(Export(name))));

        var result = Import(workbook, new ImportOptions { GroupBy = RoleTeam }, name: "answers.csv"); // a workbook named .csv is still read as a workbook

        Assert.Equal(ImportFormat.ExcelWorkbook, result.Report.Format);
        Assert.Equal("Form1", result.Report.Part);
        Assert.Contains("this is an Excel workbook", result.Report.Summary(), StringComparison.Ordinal);
        Assert.Equal(Numbers(truth), Numbers(Merged(workbook, result, truth)));
    }

    [Fact]
    public void ASheetIsChosenByNameAndAMissingOneIsNamedWithTheSheetsThereAre()
    {
        const string name = "m11_headers_typed_by_hand";
        var truth = ReadTruth(name, BuiltInInstrument.Full);
        var workbook = Workbook(("Notes", [["Exported from a survey tool"]]), ("Answers", Rows(Export(name))));

        var result = Import(workbook, new ImportOptions { GroupBy = RoleTeam, Sheet = "answers" });

        Assert.Equal(Numbers(truth), Numbers(result.Responses));
        var error = Assert.Throws<InvalidResponsesException>(() => Import(workbook, new ImportOptions { Sheet = "Sheet9" }));
        Assert.Contains("this is an Excel workbook without a sheet named \"Sheet9\" (it has: Notes, Answers)", error.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void AZipHoldingOneCsvScoresLikeTheCsv()
    {
        const string name = "08_qualtrics_choice_text";
        var truth = ReadTruth(name, BuiltInInstrument.Full);
        var zip = Zip(("export/" + name + ".csv", File.ReadAllBytes(Export(name))));

        var result = Import(zip, new ImportOptions { GroupBy = RoleTeam }, name: "export.zip");

        Assert.Equal(ImportFormat.ZipCsv, result.Report.Format);
        Assert.Equal(Numbers(truth), Numbers(Merged(zip, result, truth)));
    }

    [Fact]
    public void QualtricsWithItsExportTagsSetToTheIdsScoresLikeTheTruthAndFindsRolesInTheQuestionRow()
    {
        const string name = "08_qualtrics_choice_text";
        var truth = ReadTruth(name, BuiltInInstrument.Full);
        var rows = Rows(Export(name));
        var statements = BuiltInInstrument.Full.Items.ToList();
        rows[0] = [.. rows[0].Select((tag, c) => statements.FirstOrDefault(i => rows[1][c].EndsWith(i.Text, StringComparison.Ordinal))?.Id ?? tag)];
        var bytes = Utf8(Csv(rows));

        var result = Import(bytes, new ImportOptions { GroupBy = RoleTeam });

        Assert.Equal(1, result.Report.Header.Row);
        Assert.Equal(MatchedBy.QuestionText, result.Report.Columns.Single(c => c.Name == "role").How);
        Assert.Equal(2, result.Report.SkippedRows.Count);
        Assert.Equal(Numbers(truth), Numbers(Merged(bytes, result, truth)));
    }

    [Fact]
    public void AZipWithoutExactlyOneCsvIsRefusedSayingWhatItHolds()
    {
        var zip = Zip(("a.csv", Utf8("STR1\n4\n")), ("b.csv", Utf8("STR1\n4\n")));
        var error = Assert.Throws<InvalidResponsesException>(() => Import(zip));

        Assert.Contains("ZIP archive holding 2 CSV files", error.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void AnOldBinaryWorkbookIsNamedAsSuchNotAParseError()
    {
        byte[] xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];

        var error = Assert.Throws<InvalidResponsesException>(() => Import(xls));

        Assert.Contains("this is an old Excel workbook (.xls)", error.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAHeaderTheErrorSaysWhatLineOneHoldsAndTheClosestStatements()
    {
        var csv = "Name,Email,I know which customer segments we chose not to pursue\nAda,a@x.example,4\n";

        var error = Assert.Throws<InvalidResponsesException>(() => Import(Utf8(csv)));

        Assert.Contains("line 1 holds \"Name\", \"Email\", \"I know which customer segments we chose", error.Problems[0], StringComparison.Ordinal);
        Assert.Contains(error.Problems, p => p.Contains("the closest is STR2", StringComparison.Ordinal));
    }

    [Fact]
    public void TwoColumnsForOneStatementAreAnErrorNamingBoth()
    {
        var csv = "STR1,str 1,STR2\n4,4,3\n";

        var error = Assert.Throws<InvalidResponsesException>(() => Import(Utf8(csv)));

        Assert.Contains("columns STR1 and str 1 both fit statement STR1", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void OneColumnNamingTwoStatementsIsAnErrorNamingBoth()
    {
        var full = BuiltInInstrument.Full.Items.ToList();
        var csv = $"\"{full[0].Text} / {full[1].Text}\",STR3\n4,3\n";

        var error = Assert.Throws<InvalidResponsesException>(() => Import(Utf8(csv)));

        Assert.Contains("the header fits two statements, STR1", Assert.Single(error.Problems), StringComparison.Ordinal);
        Assert.Contains("and STR2", error.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void AnswersAsNumbersWithLabelsDecimalsAndCommonWordingsAreRead()
    {
        var csv = "STR1,STR2,STR3,STR4,STR5,STC1,STC2,STC3,STC4,STC5\n"
            + "4 - Agree,\"4,0\",4.0,Agree strongly,NEUTRAL,Somewhat disagree,Prefer not to say,N/A,Strongly agree (5),Don’t know\n";

        var result = Import(Utf8(csv), new ImportOptions());

        string[] ids = ["STR1", "STR2", "STR3", "STR4", "STR5", "STC1", "STC2", "STC3", "STC4", "STC5"];
        Assert.Equal([4, 4, 4, 5, 3, 2, null, null, 5, null], ids.Select(id => result.Responses.Answer(0, result.Responses.IndexOf(id))));
        Assert.False(result.Report.NumbersOnly);
    }

    [Fact]
    public void ALabelAfterTheNumberWinsSoReversedCodesWithTheirLabelsReadRight()
    {
        var result = Import(Utf8("STR1,STR2\n1 - Strongly agree,5 - Strongly disagree\n"), new ImportOptions());

        Assert.Equal([5, 1], new[] { result.Responses.Answer(0, 0), result.Responses.Answer(0, 1) });
    }

    [Fact]
    public void AnUnknownAnswerIsAnErrorNamingRowAndColumn()
    {
        var error = Assert.Throws<InvalidResponsesException>(() => Import(Utf8("role,STR1,STR2\nseller,Agree,Maybe\n"), new ImportOptions()));

        Assert.StartsWith("line 2, column STR2: \"Maybe\" is not a whole number on the scale 1..5 nor one of its labels", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownAnswerIsAnErrorThatSaysToMapItWithAMapping()
    {
        var error = Assert.Throws<InvalidResponsesException>(() => Import(Utf8("STR1\nLargely agree\n"), new ImportOptions()));

        Assert.Contains("--mapping", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void UnderReportAnUnknownAnswerIsListedWithoutAPointItsCellsUnansweredAndTheReportNotConfirmableUntilMapped()
    {
        var csv = Utf8("STR1,STR2,STR3\nLargely agree,Agree,Largely agree\nAgree,Largely agree,Strongly agree\n");

        var reported = Import(csv, new ImportOptions { UnknownValues = UnknownValues.Report });
        var mapped = Import(csv, new ImportOptions { UnknownValues = UnknownValues.Report, Mapping = new ImportMapping { Values = [new("Largely agree", 4)] } });

        var unknown = Assert.Single(reported.Report.Values, v => v.Text == "Largely agree");
        Assert.Equal((3, (int?)null, ValueReading.Unknown), (unknown.Count, unknown.Point, unknown.ReadAs));
        Assert.Equal(["Largely agree"], reported.Report.UnknownValues);
        Assert.False(reported.Report.CanConfirm);
        Assert.Contains(reported.Report.Warnings, w => w.Code == "unknown-values" && w.Message.Contains("Largely agree", StringComparison.Ordinal));
        Assert.Equal([null, 4, null], Enumerable.Range(0, 3).Select(i => reported.Responses.Answer(0, i)));
        Assert.DoesNotContain(reported.Report.Mapping.Values, v => v.Value == "Largely agree"); // no point chosen yet, so none saved
        Assert.True(mapped.Report.CanConfirm);
        Assert.Equal([4, 4, 4, 4, 4, 5], Enumerable.Range(0, 2).SelectMany(r => Enumerable.Range(0, 3).Select(i => mapped.Responses.Answer(r, i))));
    }

    [Fact]
    public void ASavedMappingReplaysColumnsValuesAndTheReversedDirection()
    {
        var csv = "Who,Q1,Q2,Q3\nseller,1,Kinda,2\nSeller,2,Kinda,5\n";
        var mapping = new ImportMapping
        {
            Columns = [new("Who", ColumnTarget.Attribute, "role"), new("Q1", ColumnTarget.Item, "STR1"), new("Q2", ColumnTarget.Item, "STR2"), new("Q3", ColumnTarget.Ignored)],
            Values = [new("Kinda", 4)],
            ReverseScale = true,
            Merges = [new("role", "Seller", "seller")],
        };

        var first = Import(Utf8(csv), new ImportOptions { GroupBy = ["role"], Mapping = mapping });
        var replayed = Import(Utf8(csv), new ImportOptions { GroupBy = ["role"], Mapping = ImportMapping.Parse(first.Report.Mapping.ToJson(), "mapping.json") });

        foreach (var result in new[] { first, replayed })
        {
            Assert.Equal([5, 4], new[] { result.Responses.Answer(0, 0), result.Responses.Answer(1, 0) });
            Assert.Equal(4, result.Responses.Answer(0, 1));
            Assert.Equal(["seller"], result.Responses.Attributes[0].Values);
            Assert.Equal(ColumnTarget.Ignored, result.Report.Columns[3].Target);
        }
    }

    [Fact]
    public void RoleValuesDifferingOnlyInCaseOrSpacingAreOfferedForMerging()
    {
        var result = Import(Utf8("role,STR1\nSeller,4\nseller ,4\nsel-ler,3\nLeader,2\n"), new ImportOptions { GroupBy = ["role"] });

        var group = Assert.Single(Assert.Single(result.Report.Attributes).NearDuplicates);
        Assert.Equal(["Seller", "sel-ler", "seller"], group.Order(StringComparer.Ordinal));
        Assert.Contains(result.Report.Warnings, w => w.Code == "attribute-near-duplicates");
    }

    [Fact]
    public void ReverseKeyedStatementsAlreadyReversedInTheFileAreCaughtByTheirNegativeCorrelation()
    {
        // Strategy: STR6 is reverse-keyed. Answers where STR6 moves with the other statements mean it was already reversed.
        var rows = new List<string[]> { new[] { "STR1", "STR2", "STR3", "STR4", "STR5", "STR6" } };
        for (var r = 0; r < 30; r++)
        {
            var v = (r % 5) + 1;
            var w = Math.Clamp(v + ((r % 3) - 1), 1, 5);
            rows.Add([$"{v}", $"{w}", $"{v}", $"{w}", $"{v}", $"{v}"]);
        }

        var asGiven = Import(Utf8(Csv(rows)), new ImportOptions());
        Assert.Contains(asGiven.Report.Warnings, w => w.Code == "reverse-keyed-negative" && w.Message.Contains("STR6", StringComparison.Ordinal));

        var original = rows.Select((r, i) => i == 0 ? r : [.. r[..5], $"{6 - int.Parse(r[5], System.Globalization.CultureInfo.InvariantCulture)}"]).ToList();
        Assert.DoesNotContain(Import(Utf8(Csv(original)), new ImportOptions()).Report.Warnings, w => w.Code == "reverse-keyed-negative");
    }

    /// <summary>Imports the bytes again with the role values named as in the truth file (row by row), for like-for-like breakdowns.</summary>
    private static ResponseSet Merged(byte[] bytes, ImportResult result, ResponseSet truth)
    {
        var role = result.Responses.Attributes[0];
        var merges = Enumerable.Range(0, truth.Count)
            .Select(r => (From: role.Values[role.Codes[r]], To: truth.Attributes[0].Values[truth.Attributes[0].Codes[r]]))
            .Distinct()
            .Select(p => new AttributeMerge("role", p.From, p.To))
            .ToList();
        return Import(bytes, new ImportOptions { GroupBy = RoleTeam, Mapping = new ImportMapping { Merges = merges } }).Responses;
    }
}
