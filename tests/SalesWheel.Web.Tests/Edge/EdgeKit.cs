using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace SalesWheel.Web.Tests.Edge;

/// <summary>
/// The test server has no network peer, so a test names the address a request comes from in the X-Test-Peer header;
/// a filter ahead of the whole app puts it where Kestrel would (the connection's remote address).
/// </summary>
internal static class Peers
{
    public const string Header = "X-Test-Peer";

    public static WebApplicationFactory<Program> WithPeers(this AppFactory app) =>
        app.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerFromHeader>()));

    public static HttpClient Client(this WebApplicationFactory<Program> app, string baseAddress = "https://localhost") =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A GET from the peer, with extra headers (X-Forwarded-For, X-Forwarded-Proto).</summary>
    public static Task<HttpResponseMessage> GetFrom(this HttpClient client, string peer, string url, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(Header, peer);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return client.SendAsync(request);
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                    context.Request.Headers.Remove(Header);
                }

                return following(context);
            });
            next(app);
        };
    }
}
