using MailKit.Net.Smtp;
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

/// <summary>Absolute links for emails: the configured public base URL, or the current request's.</summary>
public sealed class LinkBuilder(IOptions<SalesWheelOptions> options, IHttpContextAccessor http)
{
    public string Absolute(string path)
    {
        var configured = options.Value.PublicBaseUrl.TrimEnd('/');
        if (configured.Length == 0 && http.HttpContext?.Request is { } request)
        {
            configured = $"{request.Scheme}://{request.Host}{request.PathBase}";
        }

        return configured + path;
    }
}
