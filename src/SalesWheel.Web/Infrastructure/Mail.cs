using MailKit.Net.Smtp;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace SalesWheel.Web.Infrastructure;

/// <summary>Sends one plain-text message.</summary>
public interface IMailer
{
    /// <summary>True when messages really leave (SMTP), false when they are written to the outbox folder.</summary>
    bool Delivers { get; }

    Task SendAsync(string toName, string toAddress, string subject, string body, CancellationToken cancellationToken = default);
}

internal static class Messages
{
    public static MimeMessage Build(SmtpOptions smtp, string toName, string toAddress, string subject, string body)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(new MailboxAddress(toName, toAddress));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }
}

/// <summary>Delivers through the configured SMTP server (MailKit).</summary>
public sealed class SmtpMailer(IOptions<SalesWheelOptions> options) : IMailer
{
    public bool Delivers => true;

    public async Task SendAsync(string toName, string toAddress, string subject, string body, CancellationToken cancellationToken = default)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, cancellationToken);
        if (smtp.UserName.Length > 0)
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password, cancellationToken);
        }

        await client.SendAsync(Messages.Build(smtp, toName, toAddress, subject, body), cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}

/// <summary>Without SMTP: each message becomes an .eml file in the outbox folder (the admin can also copy the links).</summary>
public sealed class OutboxMailer(IOptions<SalesWheelOptions> options) : IMailer
{
    public bool Delivers => false;

    public async Task SendAsync(string toName, string toAddress, string subject, string body, CancellationToken cancellationToken = default)
    {
        var folder = options.Value.OutboxFolder;
        Directory.CreateDirectory(folder);
        var safe = new string(toAddress.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@' ? c : '_').ToArray());
        var path = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{safe[..Math.Min(safe.Length, 80)]}-{Guid.NewGuid().ToString("N")[..8]}.eml");
        await Messages.Build(options.Value.Smtp, toName, toAddress, subject, body).WriteToAsync(path, cancellationToken);
    }
}

/// <summary>
/// Absolute links (survey links, member invitations, emails, API paging): <c>SalesWheel:PublicBaseUrl</c>, or without it
/// (never in Production) the address the server itself listens on. Never the request's Host header or scheme, which
/// anyone can forge: a link built from them could send a respondent's token to someone else's server.
/// </summary>
public sealed class LinkBuilder(IOptions<SalesWheelOptions> options, IServer server)
{
    public string BaseUrl
    {
        get
        {
            var configured = options.Value.PublicBaseUrl.TrimEnd('/');
            return configured.Length > 0 ? configured : Listening(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
        }
    }

    public string Absolute(string path) => BaseUrl + path;

    /// <summary>The first address Kestrel listens on (HTTPS first), a wildcard host read as localhost.</summary>
    private static string Listening(ICollection<string> addresses)
    {
        var address = addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
        if (address is null)
        {
            return "http://localhost";
        }

        var scheme = address[..address.IndexOf("://", StringComparison.Ordinal)];
        var rest = address[(scheme.Length + 3)..].TrimEnd('/');
        var colon = rest.LastIndexOf(':');
        var host = colon > 0 && !rest.EndsWith(']') ? rest[..colon] : rest;
        var port = colon > 0 && !rest.EndsWith(']') ? rest[colon..] : "";
        if (host is "+" or "*" or "0.0.0.0" or "[::]")
        {
            host = "localhost";
        }

        return $"{scheme.ToLowerInvariant()}://{host}{port}";
    }
}
