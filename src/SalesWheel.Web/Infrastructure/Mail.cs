using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MailKit.Security;
using AuthenticationException = MailKit.Security.AuthenticationException;
using Microsoft.Extensions.Options;
using MimeKit;
using SalesWheel.Core.Text;

namespace SalesWheel.Web.Infrastructure;

/// <summary>
/// One message: its subject, its plain text, optionally the same words in HTML (sent as alternatives), and the name it
/// comes from (the address is always the server's <c>SalesWheel:Smtp:From</c>; null keeps that address's own name).
/// </summary>
public sealed record OutgoingEmail(string Subject, string Text, string? Html = null, string? FromName = null);

/// <summary>Sends one message.</summary>
public interface IMailer
{
    /// <summary>True when messages really leave (SMTP), false when they are written to the outbox folder.</summary>
    bool Delivers { get; }

    Task SendAsync(string toName, string toAddress, OutgoingEmail email, CancellationToken cancellationToken = default);

    /// <summary>A plain-text message from the server's address.</summary>
    Task SendAsync(string toName, string toAddress, string subject, string body, CancellationToken cancellationToken = default) =>
        SendAsync(toName, toAddress, new OutgoingEmail(subject, body), cancellationToken);
}

/// <summary>The MIME message every mailer sends: the one place headers are written.</summary>
internal static class Messages
{
    public static MimeMessage Build(SmtpOptions smtp, string toName, string toAddress, OutgoingEmail email)
    {
        var message = new MimeMessage();
        var from = MailboxAddress.Parse(smtp.From);
        // A display name typed by an admin: MimeKit encodes it as a phrase, and no control character (a line break
        // above all) survives, so it can never end the header and start another.
        if (PlainText.Line(email.FromName).Trim() is { Length: > 0 } fromName)
        {
            from.Name = fromName;
        }

        message.From.Add(from);
        message.To.Add(new MailboxAddress(toName, toAddress));
        message.Subject = PlainText.Line(email.Subject);
        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();
        return message;
    }
}

/// <summary>Delivers through the configured SMTP server (MailKit), always over TLS.</summary>
public sealed class SmtpMailer(IOptions<SalesWheelOptions> options) : IMailer
{
    public bool Delivers => true;

    public async Task SendAsync(string toName, string toAddress, OutgoingEmail email, CancellationToken cancellationToken = default)
    {
        var smtp = options.Value.Smtp;
        using var client = await SmtpConnection.OpenAsync(smtp, cancellationToken);
        await client.SendAsync(Messages.Build(smtp, toName, toAddress, email), cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}

/// <summary>
/// The connection to the SMTP server: implicit TLS on port 465 (or <c>Tls: Implicit</c>), STARTTLS required on any
/// other port: never plain text, never "TLS when available". The server's certificate must be trusted by the system, or
/// chain to the certificate in <c>SalesWheel:Smtp:TrustedCertificateFile</c> (a private CA or the server's own
/// self-signed certificate, as an operator configures it); the host name must match either way.
/// </summary>
public static class SmtpConnection
{
    public static SecureSocketOptions Security(SmtpOptions smtp) =>
        string.Equals(smtp.Tls, "Implicit", StringComparison.OrdinalIgnoreCase) || (smtp.Tls.Length == 0 && smtp.Port == 465)
            ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;

    /// <summary>A connected (and, with a user name, authenticated) client; throws what MailKit throws when that fails.</summary>
    public static async Task<SmtpClient> OpenAsync(SmtpOptions smtp, CancellationToken cancellationToken)
    {
        var client = new SmtpClient();
        try
        {
            var trusted = TrustedCertificate(smtp);
            if (trusted is not null)
            {
                client.ServerCertificateValidationCallback = (_, certificate, _, errors) => ChainsTo(trusted, certificate, errors);
            }

            await client.ConnectAsync(smtp.Host, smtp.Port, Security(smtp), cancellationToken);
            if (smtp.UserName.Length > 0)
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password, cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static X509Certificate2? TrustedCertificate(SmtpOptions smtp)
    {
        if (smtp.TrustedCertificateFile.Length == 0)
        {
            return null;
        }

        var text = File.ReadAllText(smtp.TrustedCertificateFile);
        return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPem(text)
            : X509CertificateLoader.LoadCertificateFromFile(smtp.TrustedCertificateFile);
    }

    /// <summary>Trusted when the system trusts it, or when its chain ends at the configured certificate; a wrong host name never.</summary>
    private static bool ChainsTo(X509Certificate2 trusted, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trusted);
        // A private CA or a self-signed certificate publishes no revocation list to check.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return chain.Build(presented);
    }
}

/// <summary>
/// At start-up, with SMTP configured: connects once, with TLS, so that a server that cannot do TLS, an untrusted
/// certificate or a wrong password stops the app with a clear message instead of every email failing later. A server
/// that cannot be reached is logged as an error (it may be down for a moment) without stopping the app.
/// </summary>
public sealed partial class SmtpStartupCheck(IOptions<SalesWheelOptions> options, ILogger<SmtpStartupCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        var where = $"{smtp.Host}:{smtp.Port} ({(SmtpConnection.Security(smtp) == SecureSocketOptions.SslOnConnect ? "implicit TLS" : "STARTTLS")})";
        try
        {
            using var client = await SmtpConnection.OpenAsync(smtp, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
        }
        catch (Exception e) when (e is SocketException or TimeoutException || e is IOException && e.InnerException is SocketException)
        {
            CannotReach(logger, where, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var reason = e switch
            {
                NotSupportedException => "the server does not offer STARTTLS, and SalesWheel sends email only over TLS",
                SslHandshakeException => "no TLS connection could be made, or the server's certificate is not trusted: use a certificate the system trusts, "
                    + "or name it (or the CA that signed it) in SalesWheel:Smtp:TrustedCertificateFile; for implicit TLS use port 465 or SalesWheel:Smtp:Tls = Implicit",
                AuthenticationException => "the server refused the user name and password",
                _ => e.Message,
            };
            throw new InvalidOperationException(
                $"SalesWheel cannot send email through the SMTP server {where}: {reason}. Fix the SalesWheel:Smtp settings, or leave "
                + "SalesWheel:Smtp:Host empty to write emails to the outbox folder instead.", e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "SalesWheel cannot reach the SMTP server {Server} ({Reason}): emails will fail until it can.")]
    private static partial void CannotReach(ILogger logger, string server, string reason);
}

/// <summary>Without SMTP: each message becomes an .eml file in the outbox folder (the admin can also copy the links).</summary>
public sealed class OutboxMailer(IOptions<SalesWheelOptions> options) : IMailer
{
    public bool Delivers => false;

    public async Task SendAsync(string toName, string toAddress, OutgoingEmail email, CancellationToken cancellationToken = default)
    {
        var folder = options.Value.OutboxFolder;
        // Owner-only, like the data folder: the messages hold personal survey links.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, SalesWheel.Data.DataFolder.OwnerOnly);
        }
        var safe = new string(toAddress.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@' ? c : '_').ToArray());
        var path = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{safe[..Math.Min(safe.Length, 80)]}-{Guid.NewGuid().ToString("N")[..8]}.eml");
        await Messages.Build(options.Value.Smtp, toName, toAddress, email).WriteToAsync(path, cancellationToken);
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
