using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SalesWheel.Web.Tests.Api;

/// <summary>The OpenAPI document describes every route the app maps under /api/v1, passes a standard linter, and has a reference page.</summary>
public sealed partial class OpenApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task TheDocumentDescribesEveryApiRouteWithItsMethodsErrorsAndTheBearerScheme()
    {
        var document = await Document();
        var described = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Method: o.Key.ToUpperInvariant(), Path: p.Key)))
            .OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).ToList();
        var mapped = ApiAccessTests.ApiRoutes(app).Select(r => (r.Method, Path: RouteConstraint().Replace(r.Pattern, "{$1}"))).ToList();
        Assert.Equal(mapped, described);

        Assert.Equal("http", document["components"]!["securitySchemes"]!["bearer"]!["type"].Text());
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["bearer"]!["scheme"].Text());
        Assert.NotNull(document["security"]![0]!["bearer"]);
        foreach (var (method, path) in described)
        {
            var operation = document["paths"]![path]![method.ToLowerInvariant()]!;
            var where = $"{method} {path}";
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{where} has a summary");
            Assert.False(string.IsNullOrWhiteSpace(operation["operationId"]?.GetValue<string>()), $"{where} has an operation id");
            var responses = operation["responses"]!.AsObject();
            Assert.Contains(responses, r => r.Key.StartsWith('2'));
            foreach (var status in new[] { "401", "429" }.Concat(method == "GET" ? [] : ["403"]).Concat(path.Contains("{id}", StringComparison.Ordinal) ? ["404"] : []))
            {
                Assert.True(responses.ContainsKey(status), $"{where} documents {status}");
                Assert.NotNull(responses[status]!["content"]!["application/problem+json"]);
            }
        }
    }

    [Fact]
    public async Task TheExportOperationListsItsContentTypesItsFormatsAndTheBadPaperAnswer()
    {
        var operation = (await Document())["paths"]!["/api/v1/assessments/{id}/exports/{format}"]!["get"]!;
        var ok = operation["responses"]!["200"]!["content"]?.AsObject().Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "image/png", "image/svg+xml", "text/csv"],
            ok);

        var parameters = operation["parameters"]!.AsArray().ToDictionary(p => p!["name"].Text(), p => p!);
        Assert.Equal(["svg", "png", "trend-svg", "trend-png", "pdf", "xlsx", "csv"], parameters["format"]["schema"]!["enum"]!.AsArray().Select(v => v.Text()));
        Assert.Contains("case", parameters["format"]["description"].Text(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["a4", "letter"], parameters["paper"]["schema"]!["enum"]!.AsArray().Select(v => v.Text()));
        Assert.NotNull(operation["responses"]!["400"]?["content"]?["application/problem+json"]);
    }

    [Fact]
    public async Task FieldsThatMayBeLeftOutAreNotRequiredInTheSchema()
    {
        var schemas = (await Document())["components"]!["schemas"]!;
        string[] Required(string schema) => schemas[schema]!["required"]?.AsArray().Select(r => r.Text()).Order(StringComparer.Ordinal).ToArray() ?? [];

        Assert.Equal(["acv", "minimumGroupSize", "name", "phase"], Required("OrganizationSettingsRequest"));
        Assert.Equal(["name"], Required("AssessmentRequest"));
        Assert.Equal(["email", "name", "role"], Required("PersonRequest"));
    }

    [Fact]
    public async Task NumbersAreTypedAsPlainNumbersAndPagesHaveTheirBounds()
    {
        var document = await Document();
        var numbers = Nodes(document).OfType<JsonObject>()
            .Where(n => n["format"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && n["format"].Text() is "int32" or "int64" or "double" or "float")
            .ToList();
        Assert.NotEmpty(numbers);
        Assert.All(numbers, n =>
        {
            Assert.DoesNotContain("string", Types(n));
            Assert.Null(n["pattern"]);
        });

        foreach (var path in new[] { "/api/v1/people", "/api/v1/assessments" })
        {
            var parameters = document["paths"]![path]!["get"]!["parameters"]!.AsArray().ToDictionary(p => p!["name"].Text(), p => p!["schema"]!);
            Assert.Equal(["integer"], Types(parameters["page"]));
            Assert.Equal(1, parameters["page"]["minimum"]!.GetValue<int>());
            Assert.Equal(1, parameters["pageSize"]["minimum"]!.GetValue<int>());
            Assert.Equal(200, parameters["pageSize"]["maximum"]!.GetValue<int>());
        }

        static string[] Types(JsonNode schema) => schema["type"] switch
        {
            JsonArray many => many.Select(t => t.Text()).ToArray(),
            { } one => [one.Text()],
            null => [],
        };
    }

    [Fact]
    public async Task DescriptionsArePlainWordsWithoutLeftoversOfTheCode()
    {
        var descriptions = Nodes(await Document()).OfType<JsonObject>()
            .Select(n => n["description"]).OfType<JsonValue>().Where(d => d.GetValueKind() == System.Text.Json.JsonValueKind.String)
            .Select(d => d.GetValue<string>()).ToList();
        Assert.NotEmpty(descriptions);
        Assert.All(descriptions, d =>
        {
            Assert.DoesNotMatch("&[a-z]+;|cref|IReadOnly|\\bint\\b|\\b[A-Z][A-Za-z]+\\.[A-Z][A-Za-z]+\\b", d);
        });
    }

    [Fact]
    public async Task EveryOperationWithAJsonBodyListsTheUnsupportedMediaTypeAnswer()
    {
        var operations = (await Document())["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Where: $"{o.Key} {p.Key}", Operation: o.Value!)))
            .Where(o => o.Operation["requestBody"]?["content"]?["application/json"] is not null)
            .ToList();
        // At least the JSON-taking operations known today (new ones join the check by themselves).
        Assert.Superset(new HashSet<string> { "post /api/v1/people", "put /api/v1/people/{id}", "post /api/v1/assessments", "patch /api/v1/assessments/{id}", "post /api/v1/assessments/{id}/follow-up", "post /api/v1/actions", "patch /api/v1/actions/{id}" },
            operations.Select(o => o.Where).ToHashSet());
        Assert.All(operations, o => Assert.True(
            o.Operation["responses"]!["415"]?["content"]?["application/problem+json"] is not null, $"{o.Where} documents 415"));
    }

    [Fact]
    public async Task TheDocumentPassesTheRedoclyLinter()
    {
        var redocly = Path.Combine(RepositoryFiles.Root, "tools", "openapi", "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(redocly), $"{redocly} is missing: install it with `npm ci --prefix tools/openapi` (test.sh does).");
        var file = Path.Combine(app.DataFolder, "openapi-v1.json");
        await File.WriteAllTextAsync(file, (await Document()).ToJsonString());

        var start = new ProcessStartInfo(redocly, ["lint", file, "--format=stylish"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = app.DataFolder,
        };
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var lint = Process.Start(start)!;
        var output = lint.StandardOutput.ReadToEndAsync();
        var errors = lint.StandardError.ReadToEndAsync();
        await lint.WaitForExitAsync();
        Assert.True(lint.ExitCode == 0, $"redocly lint found errors:\n{await output}\n{await errors}");
    }

    [Fact]
    public async Task TheReferencePageIsServedByTheAppWithItsScriptAllowedByANonceOnly()
    {
        var client = app.Api(null);
        var page = await client.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = Regex.Match(policy, "script-src 'self' 'nonce-([^']+)';").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.DoesNotContain("unsafe-inline';", policy.Split("style-src")[0], StringComparison.Ordinal);
        Assert.Contains("connect-src 'self';", policy, StringComparison.Ordinal);
        var scripts = Regex.Matches(html, "<script[^>]*>").Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Contains($"nonce=\"{nonce}\"", s, StringComparison.Ordinal));
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);

        var bundle = await client.GetAsync("/docs/scalar.js");
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        var second = (await client.GetAsync("/docs/")).Headers.GetValues("Content-Security-Policy").Single();
        Assert.NotEqual(policy, second);

        // Everywhere else the policy stays strict.
        var home = await client.GetAsync("/");
        Assert.Contains("script-src 'self'; style-src 'self';", home.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private async Task<JsonNode> Document()
    {
        var response = await app.Api(null).GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static IEnumerable<JsonNode> Nodes(JsonNode node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Nodes).Prepend(o),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Nodes).Prepend(a),
        _ => [node],
    };

    [GeneratedRegex("\\{([a-zA-Z]+):[a-z]+\\}")]
    private static partial Regex RouteConstraint();
}
