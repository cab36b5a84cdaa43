using SalesWheel.Core.Imports;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Responses;
using static SalesWheel.Core.Tests.Imports.ImportCases;

namespace SalesWheel.Core.Tests.Imports;

public sealed class ImportCaseTests
{
    [Theory]
    [MemberData(nameof(ImportCases.Scorable), MemberType = typeof(ImportCases))]
    public void EveryExportScoresExactlyLikeItsTruthFile(string name)
    {
        var detected = AnswerImport.Read(Export(name), new ImportOptions());
        var instrument = detected.Report.Instrument;
        var truth = ReadTruth(name, instrument);

        var imported = ImportWithTruthRoles(Export(name), truth, new ImportOptions());

        Assert.Equal(Numbers(truth), Numbers(imported.Responses));
    }

    [Fact]
    public void TheTypoInM08IsRefusedNamingSpreadsheetRowEightAndFileLineTwelve()
    {
        var error = Assert.Throws<InvalidResponsesException>(() => AnswerImport.Read(Export("m08_embedded_newlines_then_typo"), new ImportOptions()));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("spreadsheet row 8 (file line 12)", problem);
        Assert.Contains("44 is outside the scale 1..5", problem);
    }

    [Fact]
    public void NumericCodesStateTheDirectionAssumedAndReversedMatchTheTruth()
    {
        const string name = "m24_numeric_codes_reversed_scale";
        var assumed = AnswerImport.Read(Export(name), new ImportOptions());
        Assert.True(assumed.Report.NumbersOnly);
        Assert.Equal("1 = Strongly disagree … 5 = Strongly agree", assumed.Report.Direction);
        Assert.Contains(assumed.Report.Warnings, w => w.Code == "numbers-only" && w.Message.Contains("reverse the scale", StringComparison.Ordinal));

        var truth = ReadTruth(name, BuiltInInstrument.Full);
        Assert.NotEqual(Numbers(truth), Numbers(ImportWithTruthRoles(Export(name), truth, new ImportOptions()).Responses));
        var reversed = ImportWithTruthRoles(Export(name), truth, new ImportOptions { ReverseScale = true });
        Assert.Equal(Numbers(truth), Numbers(reversed.Responses));
        Assert.True(reversed.Report.ReverseScale);
    }

    [Fact]
    public void QuickFormAnswersAreReadAsTheQuickFormWithANote()
    {
        var result = AnswerImport.Read(Export("m17_quick_form_answers"), new ImportOptions());

        Assert.Equal(InstrumentForm.Quick, result.Report.Form);
        Assert.Same(BuiltInInstrument.Quick, result.Responses.Instrument);
        Assert.Contains(result.Report.Warnings, w => w.Code == "read-as-quick");
        Assert.Empty(result.Report.ItemsWithoutColumn);
    }

    [Fact]
    public void AFullFileChosenAsQuickIsFlagged()
    {
        var result = AnswerImport.Read(Truth("01_google_forms_grid_labels"), new ImportOptions { Form = InstrumentForm.Quick });

        Assert.Equal(InstrumentForm.Quick, result.Report.Form);
        Assert.Contains(result.Report.Warnings, w => w.Code == "full-file-as-quick");
    }

    [Fact]
    public void SurveyMonkeysRoleAndTeamAreFoundByTheQuestionAboveTheirResponseColumns()
    {
        var result = AnswerImport.Read(Export("06_surveymonkey_condensed_text"), new ImportOptions { GroupBy = RoleTeam });

        var role = Assert.Single(result.Report.Columns, c => c.Name == "role");
        Assert.Equal(MatchedBy.QuestionText, role.How);
        Assert.Equal("What is your role?", role.QuestionText);
        Assert.Equal(2, result.Report.Header.Row);
    }

    [Fact]
    public void QualtricsQuestionTextAndImportIdRowsAreSkippedAndReported()
    {
        var result = AnswerImport.Read(Export("08_qualtrics_choice_text"), new ImportOptions());

        Assert.Equal(2, result.Report.Header.Row);
        Assert.Contains(result.Report.SkippedRows, s => s.Position.Row == 3 && s.Reason.Contains("ImportId", StringComparison.Ordinal));
        Assert.Contains(result.Report.Values, v => v.Text == "Somewhat agree" && v.Point == 4 && v.ReadAs == ValueReading.Label);
    }

    [Fact]
    public void IdsTypedInAnotherCaseOrSpacingAreReadAndWarnedAbout()
    {
        var result = AnswerImport.Read(Export("m11_headers_typed_by_hand"), new ImportOptions());

        Assert.Equal("MOT3", Assert.Single(result.Report.Columns, c => c.Header == "MOT 3").Name);
        var warning = Assert.Single(result.Report.Warnings, w => w.Code == "near-miss-id");
        Assert.Contains("enb5 → ENB5", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DontKnowIsNotAnswered()
    {
        var result = AnswerImport.Read(Export("r01_gforms_grid_fixed_but_dont_know"), new ImportOptions());

        Assert.Contains(result.Report.Values, v => v.Text == "Don't know" && v.Point is null && v.ReadAs == ValueReading.NotAnswered);
    }
}
