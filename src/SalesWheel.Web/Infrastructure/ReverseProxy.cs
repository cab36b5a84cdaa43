using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace SalesWheel.Web.Infrastructure;

/// <summary>
/// Serving behind a reverse proxy (nginx, a load balancer): X-Forwarded-For and X-Forwarded-Proto are believed only
/// when the connection comes from an address listed in <c>SalesWheel:KnownProxies</c> (IPs or CIDR ranges), so the
/// client address that rate limits count by is the real client's and a request counts as HTTPS (Secure cookies, HSTS)
/// only when it was. X-Forwarded-Host is never used: absolute links come from <see cref="LinkBuilder"/> alone.
/// </summary>
public static class ReverseProxy
{
    public const string KnownProxiesKey = "SalesWheel:KnownProxies";

    /// <summary>Reads and checks the proxy settings and the public base URL; throws with a clear message when one is wrong or missing.</summary>
    public static IServiceCollection AddReverseProxy(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var (addresses, networks) = KnownProxies(configuration);
        PublicBaseUrl.Check(configuration["SalesWheel:PublicBaseUrl"] ?? "", environment);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // Only the listed proxies: the defaults (loopback) are dropped so that nothing is trusted unless configured.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var address in addresses)
            {
                options.KnownProxies.Add(address);
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }

            // A chain of known proxies is walked back to the first address that is not one of them (the client).
            options.ForwardLimit = null;
        });
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
        });
        return services;
    }

    /// <summary>Applies forwarded headers from known proxies (none are listed: the headers are ignored altogether).</summary>
    public static IApplicationBuilder UseReverseProxy(this IApplicationBuilder app, IConfiguration configuration)
    {
        var (addresses, networks) = KnownProxies(configuration);
        return addresses.Count + networks.Count == 0 ? app : app.UseForwardedHeaders();
    }

    /// <summary>The listed proxies: a list (JSON array, SalesWheel__KnownProxies__0=…) or one comma-separated value.</summary>
    public static (IReadOnlyList<IPAddress> Addresses, IReadOnlyList<System.Net.IPNetwork> Networks) KnownProxies(IConfiguration configuration)
    {
        var section = configuration.GetSection(KnownProxiesKey);
        var entries = (section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? ""))
            .SelectMany(v => v.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var addresses = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in entries)
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (!entry.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(entry, out var address))
            {
                addresses.Add(address);
            }
            else
            {
                throw new InvalidOperationException(
                    $"{KnownProxiesKey}: \"{entry}\" is neither an IP address (10.0.0.5, ::1) nor a CIDR range (10.0.0.0/8) with nothing set after the prefix length.");
            }
        }

        return (addresses, networks);
    }
}

/// <summary><c>SalesWheel:PublicBaseUrl</c>: the address people use to reach the app, the only source of absolute links.</summary>
public static class PublicBaseUrl
{
    /// <summary>Throws when the value is not an absolute http(s) URL, or is missing in Production.</summary>
    public static void Check(string value, IHostEnvironment environment)
    {
        if (value.Length == 0)
        {
            if (environment.IsProduction())
            {
                throw new InvalidOperationException(
                    "SalesWheel:PublicBaseUrl is required in Production: set it to the address people use to reach SalesWheel, "
                    + "e.g. https://wheel.example.com (environment variable SalesWheel__PublicBaseUrl). Survey links, invitations and "
                    + "emails are built from it, never from the Host header of a request.");
            }

            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw new InvalidOperationException(
                $"SalesWheel:PublicBaseUrl \"{value}\" is not a plain http:// or https:// address (e.g. https://wheel.example.com, no query or fragment).");
        }
    }
}
