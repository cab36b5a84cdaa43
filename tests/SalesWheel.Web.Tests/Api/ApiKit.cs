using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SalesWheel.Web.Tests.Api;

/// <summary>Tokens made through the web page, and an HTTP client that speaks only to the API with one of them.</summary>
internal static partial class ApiKit
{
    /// <summary>Makes a token on the API tokens page as the signed-in member; returns the secret shown on the page the POST redirects to.</summary>
    public static async Task<string> MakeToken(this HttpClient browser, string name, string role = "Admin")
    {
        var posted = await browser.PostForm("/settings/api-tokens", [new("Form.Name", name), new("Form.Role", role)]);
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"making a token: {(int)posted.StatusCode}"); // Post/Redirect/Get
        var response = await browser.GetAsync(posted.Headers.Location);
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"making a token: {(int)response.StatusCode}\n{page[..Math.Min(2000, page.Length)]}");
        Assert.True(response.Headers.CacheControl?.NoStore, "the page with the secret is never cached");
        var match = NewToken().Match(page);
        Assert.True(match.Success, "the page does not show the new token");
        return match.Groups[1].Value;
    }

    /// <summary>A client with no cookies that sends the token on every request.</summary>
    public static HttpClient Api(this AppFactory app, string? token)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = false,
        });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Sends a request and reads the JSON answer, checking the status.</summary>
    public static async Task<JsonNode> Json(this HttpClient client, HttpMethod method, string url, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {url}: {(int)response.StatusCode}, expected {(int)expected}\n{text[..Math.Min(3000, text.Length)]}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public static Task<JsonNode> Get(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) => client.Json(HttpMethod.Get, url, null, expected);

    public static Task<JsonNode> Post(this HttpClient client, string url, object? body = null, HttpStatusCode expected = HttpStatusCode.OK) => client.Json(HttpMethod.Post, url, body, expected);

    public static Task<JsonNode> Put(this HttpClient client, string url, object body, HttpStatusCode expected = HttpStatusCode.OK) => client.Json(HttpMethod.Put, url, body, expected);

    /// <summary>Asserts an RFC 9457 problem: the media type, the status in the body, a title and a detail or errors.</summary>
    public static async Task<JsonNode> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}, expected {(int)status}\n{text[..Math.Min(2000, text.Length)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()), "a problem has a title");
        Assert.False(string.IsNullOrWhiteSpace(problem["type"]?.GetValue<string>()), "a problem has a type");
        return problem;
    }

    /// <summary>The messages of a validation problem under one field.</summary>
    public static string[] FieldErrors(JsonNode problem, string field) =>
        problem["errors"]?[field]?.AsArray().Select(e => e!.GetValue<string>()).ToArray() ?? [];

    public static string Text(this JsonNode? node) => node!.GetValue<string>();

    public static Guid Id(this JsonNode node) => Guid.Parse(node["id"].Text());

    public static string Compact(this JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    [GeneratedRegex("id=\"new-token\" readonly value=\"([^\"]+)\"")]
    private static partial Regex NewToken();
}
