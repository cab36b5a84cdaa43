using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SalesWheel.Core.Instruments;
using SalesWheel.Web.Tests.Api;
using SalesWheel.Web.Tests.Assessments;
using SalesWheel.Web.Tests.Survey;

namespace SalesWheel.Web.Tests.Upload;

/// <summary>POST /api/v1/assessments/upload and PUT /api/v1/assessments/{id}/answers: the upload page's import, checks and storage over the API.</summary>
public sealed class UploadApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] Quick = [.. BuiltInInstrument.Quick.Items.Select(i => i.Id)];

    private (int Assessments, int Responses) Stored() =>
        app.Service(db => (db.Assessments.Count(), db.SurveyResponses.Count()));

    private static string QuickCsv(int rows, string answer, string role = "seller") =>
        new StringBuilder("role,team,").AppendJoin(',', Quick).Append('\n')
            .Append(string.Concat(Enumerable.Repeat($"{role},East,{string.Join(',', Quick.Select(_ => answer))}\n", rows))).ToString();

    private async Task<HttpClient> AdminApi(string organization)
    {
        var (client, _) = await app.NewOrganization(organization);
        return app.Api(await client.MakeToken("uploads"));
    }

    /// <summary>Sends the file as the whole body (text/csv), the other fields in the query.</summary>
    private static async Task<HttpResponseMessage> Send(HttpClient api, HttpMethod method, string url, byte[] file)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new ByteArrayContent(file) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await api.SendAsync(request);
    }

    private static async Task<JsonNode> Created(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}\n{text[..Math.Min(3000, text.Length)]}");
        var body = JsonNode.Parse(text)!;
        Assert.Equal($"/api/v1/assessments/{body["assessment"]!.Id()}", response.Headers.Location!.ToString());
        return body;
    }

    [Theory]
    [MemberData(nameof(ImportCasesKit.Scorable), MemberType = typeof(ImportCasesKit))]
    public async Task EachToolsExportUploadedThroughTheApiScoresLikeItsTruthFile(string name)
    {
        var api = await AdminApi("API case " + name);

        var export = await Created(await Send(api, HttpMethod.Post, $"/api/v1/assessments/upload?name={name}", ImportCasesKit.Export(name)));
        var truth = await Created(await Send(api, HttpMethod.Post, $"/api/v1/assessments/upload?name={name}-truth", ImportCasesKit.Truth(name)));

        Assert.Equal(await api.OverallNumbers(truth["assessment"]!.Id()), await api.OverallNumbers(export["assessment"]!.Id()));
    }

    [Fact]
    public async Task ADryRunReportsTheDirectionAndMappingAndStoresNothingAndReverseScaleScoresLikeTheTruth()
    {
        var api = await AdminApi("API reversed");
        var truth = await Created(await Send(api, HttpMethod.Post, "/api/v1/assessments/upload?name=truth", ImportCasesKit.Truth(ImportCasesKit.Reversed)));
        var before = Stored();

        var dry = await Send(api, HttpMethod.Post, "/api/v1/assessments/upload?dryRun=true", ImportCasesKit.Export(ImportCasesKit.Reversed));

        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        var report = JsonNode.Parse(await dry.Content.ReadAsStringAsync())!["report"]!;
        Assert.True(report["numbersOnly"]!.GetValue<bool>());
        Assert.Contains("1 = Strongly disagree", report["direction"].Text());
        Assert.Contains(report["warnings"]!.AsArray(), w => w!["code"].Text() == "numbers-only");
        Assert.Equal("item", report["columns"]!.AsArray().Single(c => c!["header"].Text() == "STR1")!["target"].Text());
        Assert.False(report["mapping"]!["reverseScale"]?.GetValue<bool>() ?? false);
        Assert.Equal(before, Stored());

        var reversed = await Created(await Send(api, HttpMethod.Post, "/api/v1/assessments/upload?name=reversed&reverseScale=true", ImportCasesKit.Export(ImportCasesKit.Reversed)));

        Assert.True(reversed["report"]!["reverseScale"]!.GetValue<bool>());
        Assert.Equal(await api.OverallNumbers(truth["assessment"]!.Id()), await api.OverallNumbers(reversed["assessment"]!.Id()));
    }

    [Fact]
    public async Task AMultipartFormWithTheFileAndAMappingToReplayIsReadAsTheMappingSays()
    {
        var api = await AdminApi("API multipart");
        var csv = QuickCsv(6, "4").Replace("role,team,", "Job,team,", StringComparison.Ordinal);
        var dry = JsonNode.Parse(await (await Send(api, HttpMethod.Post, "/api/v1/assessments/upload?dryRun=true&instrument=quick", Encoding.UTF8.GetBytes(csv))).Content.ReadAsStringAsync())!;
        var mapping = dry["report"]!["mapping"]!.AsObject();
        var columns = mapping["columns"]!.AsArray();
        columns.Where(c => c!["header"].Text() == "Job").ToList().ForEach(c => columns.Remove(c));
        columns.Add(new JsonObject { ["header"] = "Job", ["target"] = "attribute", ["name"] = "role" });

        var form = new MultipartFormDataContent
        {
            { new StringContent("From the form"), "name" },
            { new StringContent("quick"), "instrument" },
            { new StringContent(mapping.ToJsonString()), "mapping" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "job.csv");
        var created = await Created(await api.PostAsync("/api/v1/assessments/upload", form));

        Assert.Equal("From the form", created["assessment"]!["name"].Text());
        Assert.Equal("quick", created["assessment"]!["instrument"].Text());
        Assert.All(app.OpenedResponses(created["assessment"]!.Id()), r => Assert.Equal(("seller", "East"), (r.Role, r.Team)));
    }

    [Fact]
    public async Task AFileWithATypoIsRefusedWithEachProblemNamingItsRowAndNothingIsStored()
    {
        var api = await AdminApi("API typo");
        var before = Stored();

        var response = await Send(api, HttpMethod.Post, "/api/v1/assessments/upload?name=typo", ImportCasesKit.Export(ImportCasesKit.Typo));

        var problem = await ApiKit.AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains(ApiKit.FieldErrors(problem, "file"), p => p.Contains("spreadsheet row 8 (file line 12)", StringComparison.Ordinal));
        Assert.Equal(before, Stored());
        Assert.Contains("name", ApiKit.FieldErrors(await ApiKit.AssertProblem(
            await Send(api, HttpMethod.Post, "/api/v1/assessments/upload", Encoding.UTF8.GetBytes(QuickCsv(6, "4"))), HttpStatusCode.BadRequest), "name")[0],
            StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, Stored());
    }

    [Fact]
    public async Task AViewerTokenCannotUploadOrReplace()
    {
        var (client, organization) = await app.NewOrganization("API viewer");
        var admin = app.Api(await client.MakeToken("admin"));
        var uploaded = await Created(await Send(admin, HttpMethod.Post, "/api/v1/assessments/upload?name=one", Encoding.UTF8.GetBytes(QuickCsv(6, "4"))));
        var viewer = app.Api(await client.MakeToken("viewer", "Viewer"));
        var before = Stored();

        await ApiKit.AssertProblem(await Send(viewer, HttpMethod.Post, "/api/v1/assessments/upload?name=two", Encoding.UTF8.GetBytes(QuickCsv(6, "4"))), HttpStatusCode.Forbidden);
        await ApiKit.AssertProblem(await Send(viewer, HttpMethod.Put, $"/api/v1/assessments/{uploaded["assessment"]!.Id()}/answers", Encoding.UTF8.GetBytes(QuickCsv(6, "2"))), HttpStatusCode.Forbidden);

        Assert.Equal(before, Stored());
        Assert.NotEqual(Guid.Empty, organization);
    }

    [Fact]
    public async Task PuttingAnswersReplacesThoseOfAnUploadOnlyAndAnotherOrganizationsIdIsNotFound()
    {
        var api = await AdminApi("API replace");
        var stranger = await AdminApi("API replace stranger");
        var uploaded = (await Created(await Send(api, HttpMethod.Post, "/api/v1/assessments/upload?name=wave", Encoding.UTF8.GetBytes(QuickCsv(6, "2")))))["assessment"]!.Id();
        var draft = (await api.Post("/api/v1/assessments", new { name = "A survey" }, HttpStatusCode.Created)).Id();
        var corrected = Encoding.UTF8.GetBytes(QuickCsv(7, "5", role: "leader"));

        await ApiKit.AssertProblem(await Send(stranger, HttpMethod.Put, $"/api/v1/assessments/{uploaded}/answers", corrected), HttpStatusCode.NotFound);
        await ApiKit.AssertProblem(await Send(api, HttpMethod.Put, $"/api/v1/assessments/{draft}/answers", corrected), HttpStatusCode.Conflict);
        Assert.Equal(6, app.OpenedResponses(uploaded).Count);

        var replaced = await Send(api, HttpMethod.Put, $"/api/v1/assessments/{uploaded}/answers", corrected);

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var stored = app.OpenedResponses(uploaded);
        Assert.Equal(7, stored.Count);
        Assert.All(stored, r => Assert.Equal("leader", r.Role));
    }

    [Fact]
    public async Task TheUploadAndReplaceOperationsAreInTheOpenApiDocumentWithTheirContentTypes()
    {
        var document = JsonNode.Parse(await app.Api(null).GetStringAsync("/openapi/v1.json"))!;

        var upload = document["paths"]!["/api/v1/assessments/upload"]!["post"]!;
        var replace = document["paths"]!["/api/v1/assessments/{id}/answers"]!["put"]!;

        foreach (var operation in new[] { upload, replace })
        {
            var types = operation["requestBody"]!["content"]!.AsObject().Select(c => c.Key).ToList();
            Assert.Contains("text/csv", types);
            Assert.Contains("multipart/form-data", types);
            Assert.NotNull(operation["responses"]!["400"]?["content"]?["application/problem+json"]);
        }

        Assert.Contains("dryRun", upload["parameters"]!.AsArray().Select(p => p!["name"].Text()));
        Assert.NotNull(upload["responses"]!["201"]);
    }
}
