using System.Net;
using System.Text;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Responses;
using SalesWheel.Web.Tests.Assessments;
using SalesWheel.Web.Tests.Upload;

namespace SalesWheel.Web.Tests.Statements;

/// <summary>The statements page: the built-in instrument as a reference anyone can read, and its empty answers files.</summary>
public sealed class StatementsPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Caption = "The statements in survey order. “Quick form” marks the 16 statements of the quick check; (R) marks a reverse-keyed statement.";

    [Fact]
    public async Task AnyoneWithoutSigningInReadsEveryStatementWithItsIdDriverFacetReverseKeyAndQuickFormMark()
    {
        var page = Html.Parse(await app.Browser().GetPage("/statements"));

        var rows = page.Table(Caption).Rows();
        var full = BuiltInInstrument.Full;
        Assert.Equal(full.Items.Select(i => i.Id), rows.Select(r => r["Id"].Text()));
        foreach (var (dimension, facet, item) in full.Dimensions.SelectMany(d => d.Facets.SelectMany(f => f.Items.Select(i => (d, f, i)))))
        {
            var row = rows.Single(r => r["Id"].Text() == item.Id);
            Assert.Equal(item.Reverse ? item.Text + " (R)" : item.Text, row["Statement"].Text());
            Assert.StartsWith(dimension.Name, row["Driver"].Text(), StringComparison.Ordinal);
            Assert.Equal(facet.Id == dimension.Id ? "–" : facet.Name, row["Facet"].Text());
        }

        var quick = BuiltInInstrument.Quick.Items.Select(i => i.Id).ToList();
        Assert.Equal(16, quick.Count);
        Assert.Equal(quick, rows.Where(r => r["Quick form"].Text() == "quick form").Select(r => r["Id"].Text()));
        Assert.Contains(rows, r => r["Statement"].Text().EndsWith("(R)", StringComparison.Ordinal));
        Assert.Contains("reverse-keyed", page.One("#reverse-key").Text(), StringComparison.Ordinal);

        var scale = page.Table("Each answer is one point of this scale; a file may hold the point or its label.").Rows();
        Assert.Equal(["1 Strongly disagree", "2 Disagree", "3 Neither agree nor disagree", "4 Agree", "5 Strongly agree"],
            scale.Select(r => $"{r["Point"].Text()} {r["Label"].Text()}"));
    }

    [Fact]
    public async Task EveryPageLinksToTheStatementsAndTheUploadPageSaysHowToExportFromEachTool()
    {
        var (client, _) = await app.NewOrganization($"Statements {Guid.NewGuid():N}");
        var upload = Html.Parse(await client.GetPage(UploadKit.Page));

        Assert.Contains("/statements", upload.QuerySelectorAll("footer a").Select(a => a.GetAttribute("href")));
        var help = upload.One("section.export-help");
        Assert.Equal(["Google Forms", "Microsoft Forms", "SurveyMonkey", "Qualtrics", "Typeform", "LimeSurvey"], help.Texts("summary"));
        Assert.Contains("Use choice text", help.Text(), StringComparison.Ordinal);
        Assert.Contains("Actual answer text", help.Text(), StringComparison.Ordinal);
        Assert.Contains("/statements", help.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [InlineData("full")]
    [InlineData("quick")]
    public async Task TheEmptyAnswersFileNamedByIdsIsReadByTheImportAndTheOneNamedByIdsAndTextsCarriesEachStatementWhole(string form)
    {
        var instrument = form == "quick" ? BuiltInInstrument.Quick : BuiltInInstrument.Full;
        var client = app.Browser();

        var ids = await client.GetAsync($"/statements?handler=Template&form={form}");
        Assert.Equal(HttpStatusCode.OK, ids.StatusCode);
        Assert.Equal($"saleswheel-{form}-answers.csv", ids.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var header = await ids.Content.ReadAsStringAsync();
        Assert.Equal("role,team," + string.Join(',', instrument.Items.Select(i => i.Id)) + "\r\n", header);

        // Filled in with one person's answers, the file is read as the command line and the upload read it.
        var filled = header + "seller,East," + string.Join(',', instrument.Items.Select(_ => "4")) + "\r\n";
        var file = ResponsesCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(filled)), "template.csv", instrument, ["role", "team"]);
        Assert.Equal(1, file.Responses.Count);
        Assert.Empty(file.ItemsWithoutColumn);

        var texts = await client.GetAsync($"/statements?handler=Template&form={form}&headers=text");
        Assert.Equal($"saleswheel-{form}-answers-with-statements.csv", texts.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var columns = ResponsesCsv.ReadHeader(new MemoryStream(await texts.Content.ReadAsByteArrayAsync()));
        Assert.Equal(["role", "team", .. instrument.Items.Select(i => $"{i.Id} - {i.Text}")], columns);
    }

    [Fact]
    public async Task TheUploadPagesTemplateIsTheSameFileAsTheStatementsPages()
    {
        var (client, _) = await app.NewOrganization($"Statements {Guid.NewGuid():N}");

        var fromUpload = await client.GetStringAsync($"{UploadKit.Page}?handler=Template&form=quick");
        var fromStatements = await app.Browser().GetStringAsync("/statements?handler=Template&form=quick");

        Assert.Equal(fromStatements, fromUpload);
    }
}
