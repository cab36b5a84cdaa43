using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using MimeKit;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Api;
using SalesWheel.Web.Tests.Assessments;

namespace SalesWheel.Web.Tests.Edge;

/// <summary>An app whose public address is https://wheel.example.com.</summary>
public sealed class PublicAddress : IDisposable
{
    public AppFactory App { get; } = new();

    public PublicAddress() => App.Settings["SalesWheel:PublicBaseUrl"] = "https://wheel.example.com/";

    public void Dispose() => App.Dispose();
}

public sealed class ForgedHostTests(PublicAddress fixture) : IClassFixture<PublicAddress>
{
    private const string Forged = "attacker.example";

    private AppFactory App => fixture.App;

    private HttpClient ForgedBrowser() => App.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri($"https://{Forged}"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    [Fact]
    public async Task AForgedHostHeaderNeverReachesASurveyLinkAnInvitationEmailOrTheLinksFile()
    {
        var owner = ForgedBrowser();
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        await owner.SignUp(email, "Forged Host Co");
        var organization = App.OrganizationOf(email);
        var people = App.AddPeople(organization, "Hunters", PersonRole.Seller, 3);
        var assessment = await owner.CreateAssessment("Q4 check");
        var opened = await owner.ActAndRead(assessment, "Open");

        var texts = new List<string> { opened, await owner.GetPage($"/assessments/{assessment}") };
        texts.AddRange(people.SelectMany(p => App.EmailsTo(p.Email)));
        texts.Add(await owner.GetPage($"/assessments/{assessment}/links.csv"));
        var links = texts.SelectMany(AssessmentKit.TokensIn).ToList();
        Assert.Equal(3, links.Distinct().Count());
        Assert.All(texts, text => Assert.DoesNotContain(Forged, text, StringComparison.OrdinalIgnoreCase));
        Assert.All(people, p => Assert.Contains("https://wheel.example.com/s/", Assert.Single(App.EmailsTo(p.Email))));
    }

    [Fact]
    public async Task AForgedHostHeaderNeverReachesAMemberInvitation()
    {
        var owner = ForgedBrowser();
        await owner.SignUp($"owner-{Guid.NewGuid():N}@example.com", "Forged Invite Co");
        var invited = $"new-{Guid.NewGuid():N}@example.com";
        var posted = await owner.PostForm("/members", [new("Invite.Email", invited), new("Invite.Role", "Viewer")], "/members?handler=Invite");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.DoesNotContain(Forged, posted.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
        var response = await owner.GetAsync(posted.Headers.Location);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Forged, page, StringComparison.OrdinalIgnoreCase);
        var message = Directory.GetFiles(App.OutboxFolder, "*.eml").Select(path => MimeMessage.Load(path))
            .Single(m => m.To.Mailboxes.Any(to => to.Address == invited));
        Assert.DoesNotContain(Forged, message.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("https://wheel.example.com/join/", message.TextBody);
    }

    [Fact]
    public async Task AForgedHostHeaderNeverReachesTheApiLinkHeadersOrDocument()
    {
        var owner = App.Browser();
        await owner.SignUp($"owner-{Guid.NewGuid():N}@example.com", "Forged Api Co");
        var api = App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"https://{Forged}"), AllowAutoRedirect = false, HandleCookies = false });
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await owner.MakeToken("reader"));
        var list = await api.GetAsync("/api/v1/people?pageSize=1");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var link = string.Join(", ", list.Headers.GetValues("Link"));
        Assert.Contains("<https://wheel.example.com/api/v1/people?", link);
        Assert.DoesNotContain(Forged, link, StringComparison.OrdinalIgnoreCase);

        var document = await api.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        var text = await document.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Forged, text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("https://wheel.example.com", text);
    }
}

public sealed class PublicBaseUrlTests
{
    [Fact]
    public void ProductionRefusesToStartWithoutAPublicBaseUrl()
    {
        using var app = new AppFactory();
        app.Settings["SalesWheel:PublicBaseUrl"] = "";
        using var production = app.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        var error = Assert.ThrowsAny<Exception>(() => production.CreateClient());
        Assert.Contains("SalesWheel:PublicBaseUrl is required in Production", Messages(error));
    }

    [Fact]
    public void APublicBaseUrlThatIsNotAPlainWebAddressStopsTheStart()
    {
        using var app = new AppFactory();
        app.Settings["SalesWheel:PublicBaseUrl"] = "wheel.example.com";
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("is not a plain http:// or https:// address", Messages(error));
    }

    [Fact]
    public void AKnownProxyThatIsNotAnAddressStopsTheStart()
    {
        using var app = new AppFactory();
        app.Settings["SalesWheel:KnownProxies"] = "10.0.0.1, nginx.internal";
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("\"nginx.internal\" is neither an IP address", Messages(error));
    }

    [Fact]
    public async Task WithoutAPublicBaseUrlOutsideProductionLinksUseTheServersOwnAddressNotTheHostHeader()
    {
        using var app = new AppFactory();
        app.Settings["SalesWheel:PublicBaseUrl"] = "";
        var owner = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://attacker.example"), AllowAutoRedirect = false });
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        await owner.SignUp(email, "No Base Co");
        var people = app.AddPeople(app.OrganizationOf(email), "Hunters", PersonRole.Seller, 1);
        await owner.ActAndRead(await owner.CreateAssessment("Q1"), "Open");
        var message = Assert.Single(app.EmailsTo(people[0].Email));
        Assert.DoesNotContain("attacker.example", message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("http://localhost/s/", message);
    }

    private static string Messages(Exception? error)
    {
        var text = "";
        for (; error is not null; error = error.InnerException)
        {
            text += error.Message + "\n";
        }

        return text;
    }
}
