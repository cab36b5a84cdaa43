using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SalesWheel.Tests.Shared;

/// <summary>
/// A real SMTP server on loopback that keeps every message it receives. With a certificate it speaks TLS: STARTTLS, or
/// implicit TLS from the first byte; without one, plain text only (a server SalesWheel must refuse).
/// </summary>
public sealed class SmtpSink : MessageStore, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public SmtpSink(X509Certificate2? certificate = null, bool implicitTls = false)
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e =>
        {
            e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port));
            if (certificate is not null)
            {
                e.Certificate(certificate).IsSecure(implicitTls);
            }
        }).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(this);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    /// <summary>
    /// A self-signed certificate for localhost and 127.0.0.1, made for the test, and the file an operator would name in
    /// SalesWheel:Smtp:TrustedCertificateFile (its public part, PEM).
    /// </summary>
    public static (X509Certificate2 Certificate, string TrustFile) MakeCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // server authentication
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // Through PKCS#12 so the private key is usable by the TLS stack on every platform.
        var certificate = X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);
        var trustFile = Path.Combine(Path.GetTempPath(), $"saleswheel-smtp-{Guid.NewGuid():N}.pem");
        File.WriteAllText(trustFile, made.ExportCertificatePem());
        return (certificate, trustFile);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>Every message received for the address, oldest first.</summary>
    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        Messages.Where(m => m.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>The text of every message received for the address, oldest first.</summary>
    public IReadOnlyList<string> TextsTo(string address) => MessagesTo(address).Select(m => m.TextBody ?? "").ToList();

    public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        Messages.Enqueue(MimeMessage.Load(new MemoryStream(buffer.ToArray()), cancellationToken));
        return Task.FromResult(SmtpResponse.Ok);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
