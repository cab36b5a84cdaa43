using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace SalesWheel.E2E;

/// <summary>
/// <see cref="LiveApp"/> with a mail server: every email really leaves over SMTP (STARTTLS, trusting the sink's
/// certificate the way an operator would) and lands in <see cref="Sink"/>, a real SMTP server on loopback. Nothing is
/// written to the outbox, so the admin is handed no links.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync, which disposes the app and the sink.")]
public sealed class SmtpLiveApp : IAsyncLifetime
{
    private static readonly (X509Certificate2 Certificate, string TrustFile) Tls = SmtpSink.MakeCertificate();

    public SmtpLiveApp()
    {
        Sink = new SmtpSink(Tls.Certificate);
        App = new LiveApp(
            new Dictionary<string, string>
            {
                ["SalesWheel:Smtp:Host"] = "127.0.0.1",
                ["SalesWheel:Smtp:Port"] = Sink.Port.ToString(CultureInfo.InvariantCulture),
                ["SalesWheel:Smtp:TrustedCertificateFile"] = Tls.TrustFile,
            },
            Sink.TextsTo);
    }

    public SmtpSink Sink { get; }

    public LiveApp App { get; }

    public Task InitializeAsync() => App.InitializeAsync();

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Sink.DisposeAsync();
    }
}
