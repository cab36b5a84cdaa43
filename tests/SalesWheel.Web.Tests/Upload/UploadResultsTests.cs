using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Responses;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Assessments;
using static SalesWheel.Web.Tests.Upload.UploadKit;

using SalesWheel.Web.Tests.Survey;

namespace SalesWheel.Web.Tests.Upload;

/// <summary>An uploaded file gets the full results page, with the numbers the command line gives for the same file.</summary>
public sealed class UploadResultsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private sealed record Case(Instrument Instrument, string? InstrumentJson, string Csv, string? RoleColumn, string[] GroupBy);

    private static Case For(string form) => form switch
    {
        "full" => new Case(BuiltInInstrument.Full, null,
            AnswersCsv(BuiltInInstrument.Full, seed: 11, rows: 48,
                [("Role", ["seller", "seller", "seller", "seller", "manager", "manager", "leader", "leader", "VP"]), ("Team", ["East", "West", "North"])]),
            null, ["Role", "Team"]),
        "quick" => new Case(BuiltInInstrument.Quick, null,
            AnswersCsv(BuiltInInstrument.Quick, seed: 12, rows: 30, [("role", ["seller", "manager"]), ("team", ["East", "West"])]),
            null, ["role", "team"]),
        _ => new Case(InstrumentFile.Parse(SevenPointInstrument), SevenPointInstrument,
            AnswersCsv(InstrumentFile.Parse(SevenPointInstrument), seed: 13, rows: 40,
                [("Function", ["Account Executive", "Account Executive", "SDR", "Sales Manager"])]),
            "Function", ["Function"]),
    };

    [Theory]
    [InlineData("full")]
    [InlineData("quick")]
    [InlineData("custom")]
    public async Task TheResultsPageOfAnUploadShowsTheNumbersTheCommandLineGivesForTheSameFile(string form)
    {
        var (client, organization) = await app.NewOrganization("Upload " + form);
        var test = For(form);
        var id = await client.UploadAndCreate($"Field survey ({form})", form, test.Csv, test.InstrumentJson, test.RoleColumn);

        // The command line's path: the same bytes read by ResponsesCsv and scored by the engine with the organization's settings.
        var file = ResponsesCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(test.Csv)), "answers.csv", test.Instrument, test.GroupBy);
        var settings = app.Service(db => db.Organizations.AsNoTracking().Single(o => o.Id == organization));
        var expected = ScoringEngine.Score(file.Responses, AssessmentScoring.OptionsFor(settings, test.GroupBy));
        Assert.True(expected.Respondents >= 5);
        if (form == "full")
        {
            Assert.Contains(expected.Breakdowns[0].Groups, g => g.Suppressed); // hidden cells are compared too
        }

        var page = await client.GetPage($"/assessments/{id}/results");
        var text = Text(page);
        Assert.Contains($"{expected.Respondents} responses uploaded from a file", text);
        Assert.Matches("<div class=\"wheel\"><svg", page);

        var drivers = Text(Section(page, "<table class=\"drivers\">", "</table>"));
        foreach (var d in expected.Dimensions)
        {
            Assert.Matches($"{Literal(Label(d))} {Score(d.Score)} {Interval(d.Ci95)} {Literal(Split(d))}{d.N}", drivers);
        }

        var names = expected.Dimensions.ToDictionary(d => d.Id, d => d.Name);
        var ranked = Text(Section(page, "<ol class=\"priorities\">", "</ol>", page.LastIndexOf("<ol class=\"priorities\">", StringComparison.Ordinal)));
        var positions = expected.Priorities.Select(p => Regex.Match(ranked, $"{Literal(names[p.Dimension])} — priority {Score(p.Priority)}") is { Success: true } m ? m.Index : -1).ToList();
        Assert.True(positions.All(p => p >= 0), $"priorities: expected {string.Join(", ", expected.Priorities.Select(p => $"{p.Dimension} {p.Priority}"))}\non the page: {ranked}");
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(expected.Dimensions.Count(d => d.Kind == "driver"), expected.Priorities.Count);

        var headings = new[] { "By role", "By team" };
        for (var b = 0; b < headings.Length; b++)
        {
            var heading = page.IndexOf($"<h3>{headings[b]}</h3>", StringComparison.Ordinal);
            Assert.True(heading >= 0, $"no {headings[b]} on the page");
            if (b >= expected.Breakdowns.Count)
            {
                Assert.StartsWith("By team Not broken down by team: no response gives one.", Text(page[heading..]));
                continue;
            }

            var breakdown = expected.Breakdowns[b];
            var heat = Text(Section(page, "<table class=\"heat\">", "</table>", heading));
            var header = string.Join(" ", breakdown.Groups.Select(g => $"{(g.Value.Length == 0 ? "(not given)" : g.Value)} {(g.Suppressed ? "hidden" : $"n={g.N}")}"));
            Assert.Contains($"Driver {header} Gap", heat);
            foreach (var d in expected.Dimensions)
            {
                var cells = breakdown.Groups.Select(g =>
                    g.Suppressed ? Literal("hidden to protect anonymity")
                    : g.Scores![d.Id] is { } s ? Score(s) : "no answers");
                Assert.Matches($"{Literal(Label(d))} {string.Join(" ", cells)} {Score(breakdown.Gaps.GetValueOrDefault(d.Id))}", heat);
            }
        }

        var details = page.Split("<details class=\"driver-detail\">")[1..].Select(Text).ToList();
        Assert.Equal(expected.Dimensions.Count, details.Count);
        var items = test.Instrument.Items.ToDictionary(i => i.Id);
        for (var i = 0; i < details.Count; i++)
        {
            var d = expected.Dimensions[i];
            foreach (var f in d.Facets)
            {
                Assert.Matches($"{Literal(f.Name)} {Score(f.Score)} {Interval(f.Ci95)} {f.N}", details[i]);
            }

            foreach (var item in d.Items)
            {
                var known = items[item.Id];
                Assert.Contains($"{known.Text}{(known.Reverse ? " reversed" : "")} {item.N} {item.Mean?.ToString("0.00", CultureInfo.InvariantCulture) ?? "–"} {Percent(item.Favorable)}", details[i]);
            }
        }

        Assert.Contains($"Mean on the {test.Instrument.Scale.Min}–{test.Instrument.Scale.Max} answer scale", text);
    }

    [Theory]
    [InlineData("full")]
    [InlineData("custom")]
    public async Task UploadedAnswersAreStoredAsSurveyAnswersAreOneByteAnItemOnAClosedAssessmentWithoutInvitations(string form)
    {
        var (client, organization) = await app.NewOrganization("Stored " + form);
        var test = For(form);
        var id = await client.UploadAndCreate("Stored answers", form, test.Csv, test.InstrumentJson, test.RoleColumn);

        var assessment = app.Assessment(id);
        Assert.Equal(organization, assessment.OrganizationId);
        Assert.True(assessment.Uploaded);
        Assert.Equal(AssessmentStatus.Closed, assessment.Status);
        Assert.Equal(test.InstrumentJson, assessment.InstrumentJson);
        Assert.Empty(app.Invitations(id));
        Assert.Same(AssessmentScoring.InstrumentOf(assessment), AssessmentScoring.InstrumentOf(assessment)); // parsed once

        // Byte per item in instrument order: 0 = not answered, else value − min + 1 (the 0..6 scale stores 1..7).
        var file = ResponsesCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(test.Csv)), "answers.csv", test.Instrument, test.GroupBy);
        var width = test.Instrument.Items.Count();
        var expected = Enumerable.Range(0, file.Responses.Count)
            .Select(r => $"{file.Responses.Attributes[0].Values[file.Responses.Attributes[0].Codes[r]]}|{Convert.ToHexString(file.Responses.AnswerBytes.Slice(r * width, width))}")
            .Order(StringComparer.Ordinal).ToList();
        var stored = app.OpenedResponses(id);
        Assert.Equal(expected, stored.Select(r => $"{r.Role}|{Convert.ToHexString(r.Answers)}").Order(StringComparer.Ordinal).ToList());
        Assert.All(stored, r => Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), r.SubmittedOn));
        Assert.All(stored, r => Assert.Null(r.Comment));
        Assert.Equal(stored.Count, stored.Select(r => r.Id).Distinct().Count());
        if (form == "custom")
        {
            Assert.Contains(stored, r => r.Answers.Contains((byte)7)); // a 6 on the 0..6 scale
            Assert.DoesNotContain(stored, r => r.Answers.Any(b => b > 7));
        }
    }

    [Fact]
    public async Task WithFewerUploadedAnswersThanTheMinimumGroupSizeOnlyTheirNumberShows()
    {
        var (client, _) = await app.NewOrganization("Few uploaded");
        var csv = AnswersCsv(BuiltInInstrument.Quick, seed: 5, rows: 3, [("role", ["seller"]), ("team", ["East"])]);
        var id = await client.UploadAndCreate("Three answers", "quick", csv);

        var page = await client.GetPage($"/assessments/{id}/results");
        var text = Text(page);

        Assert.Contains("Not enough answers to show results.", text);
        Assert.Contains("Responses uploaded 3 Needed before results show 5", text);
        Assert.DoesNotContain("Invitations", text);
        Assert.DoesNotContain("<svg", page);
        Assert.DoesNotContain("class=\"drivers\"", page);
        Assert.DoesNotContain("class=\"heat\"", page);
    }

    [Fact]
    public async Task FreeTextRolesFromAFileAreHeatmapColumnsAndTheLargestGapNamesThem()
    {
        var (client, _) = await app.NewOrganization("Free roles");
        var items = BuiltInInstrument.Quick.Items.Select(i => i.Id).ToList();
        var csv = new StringBuilder("Job title,").AppendJoin(',', items).Append('\n');
        string Row(string role, int value) => role + "," + string.Join(',', BuiltInInstrument.Quick.Items.Select(i => i.Reverse ? 6 - value : value)) + "\n";
        for (var i = 0; i < 6; i++)
        {
            csv.Append(Row("Account Executive", 5)).Append(Row("SDR", 2));
        }

        var id = await client.UploadAndCreate("Roles as written", "quick", csv.ToString(), roleColumn: "job title");
        var page = await client.GetPage($"/assessments/{id}/results");
        var heat = Text(Section(page, "<table class=\"heat\">", "</table>", page.IndexOf("<h3>By role</h3>", StringComparison.Ordinal)));

        Assert.Contains("Driver Account Executive n=6 SDR n=6 Gap", heat);
        Assert.Contains("Strategy 100.0 25.0 75.0", heat);
        Assert.Contains($"People in the role Account Executive see {BuiltInInstrument.Quick.Dimensions[0].Name} at 100, people in the role SDR at 25.", Text(page));
        Assert.Contains("Not broken down by team: no response gives one.", Text(page));
        Assert.Contains("Uploaded answers carry no comments.", Text(page));
    }

    private static string Label(DimensionResult d) => Core.Reports.ReportFormat.DimensionName(d);

    private static string Split(DimensionResult d) =>
        d.Favorable is null ? "" : $"{Percent(d.Favorable)} · {Percent(d.Neutral)} · {Percent(d.Unfavorable)} ";

    /// <summary>
    /// A score as the page shows it (one decimal), as a pattern. The page reads the answers in their stored (random)
    /// order, the command line in file order, and sums of the same numbers in another order can differ in the last
    /// bit: where the value sits on a rounding edge (…x5), either neighbour is the engine's number.
    /// </summary>
    private static string Score(double? value)
    {
        if (value is not { } v)
        {
            return "–";
        }

        var tenths = v * 10;
        if (Math.Abs(tenths - Math.Floor(tenths) - 0.5) > 1e-9)
        {
            return Regex.Escape(v.ToString("0.0", CultureInfo.InvariantCulture));
        }

        var down = (Math.Floor(tenths) / 10).ToString("0.0", CultureInfo.InvariantCulture);
        var up = (Math.Ceiling(tenths) / 10).ToString("0.0", CultureInfo.InvariantCulture);
        return $"(?:{Regex.Escape(down)}|{Regex.Escape(up)})";
    }

    private static string Interval(Interval? ci) => ci is null ? "–" : $"{Score(ci.Low)}–{Score(ci.High)}";

    private static string Literal(string text) => Regex.Escape(text);

    private static string Percent(double? share) => share is { } s ? (s * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "–";
}
