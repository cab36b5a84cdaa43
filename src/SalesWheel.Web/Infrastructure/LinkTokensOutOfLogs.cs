using Microsoft.Extensions.Options;

namespace SalesWheel.Web.Infrastructure;

/// <summary>
/// ASP.NET Core's own logs write the request path and query (hosting: "Request starting GET /s/{token}"; routing,
/// static files and Razor Pages at Debug: the path and the handler's arguments), which would put survey, invitation,
/// quick-check and reset tokens in the log. They are held at Warning here, in code, after every configuration source
/// (appsettings found or not, environment variables, command line): a rule asking for less is dropped, for every
/// provider. The app's own request line (<see cref="RequestLogging"/>) logs each request with the tokens cut out.
/// </summary>
public static class LinkTokensOutOfLogs
{
    public const string FrameworkCategory = "Microsoft.AspNetCore";

    public static ILoggingBuilder KeepLinkTokensOutOfLogs(this ILoggingBuilder logging)
    {
        logging.Services.AddSingleton<IPostConfigureOptions<LoggerFilterOptions>, HoldFrameworkLogsAtWarning>();
        return logging;
    }

    private sealed class HoldFrameworkLogsAtWarning : IPostConfigureOptions<LoggerFilterOptions>
    {
        public void PostConfigure(string? name, LoggerFilterOptions options)
        {
            // A rule for a longer category (Microsoft.AspNetCore.Hosting.Diagnostics = Debug) would beat ours, so rules
            // inside the framework's category that let more than warnings through go; stricter ones stay.
            var providers = options.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToList();
            var loose = options.Rules.Where(r => Inside(r.CategoryName) && (r.LogLevel is null || r.LogLevel < LogLevel.Warning)).ToList();
            foreach (var rule in loose)
            {
                options.Rules.Remove(rule);
            }

            // Equal rules: the last one wins, so these come after every configured one (one per provider, since a
            // provider's own rule beats a general one).
            foreach (var provider in providers)
            {
                options.Rules.Add(new LoggerFilterRule(provider, FrameworkCategory, LogLevel.Warning, filter: null));
            }
        }

        private static bool Inside(string? category) =>
            category is not null && category.Replace("*", "", StringComparison.Ordinal).StartsWith(FrameworkCategory, StringComparison.OrdinalIgnoreCase);
    }
}
