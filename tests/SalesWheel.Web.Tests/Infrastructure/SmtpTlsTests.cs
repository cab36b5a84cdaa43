using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SalesWheel.Web.Tests.Infrastructure;

/// <summary>Email leaves only over TLS, to a server whose certificate is trusted; otherwise the app does not start.</summary>
public sealed class SmtpTlsTests
{
    private static readonly (X509Certificate2 Certificate, string TrustFile) Localhost = SmtpSink.MakeCertificate();

    private static AppFactory AppSendingTo(SmtpSink sink, string? trustFile, string tls = "")
    {
        var app = new AppFactory();
        app.Settings["SalesWheel:Smtp:Host"] = "127.0.0.1";
        app.Settings["SalesWheel:Smtp:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture);
        app.Settings["SalesWheel:Smtp:Tls"] = tls;
        app.Settings["SalesWheel:Smtp:TrustedCertificateFile"] = trustFile ?? "";
        app.Mailbox = sink.TextsTo;
        return app;
    }

    private static string StartUpError(AppFactory app)
    {
        var error = Record.Exception(() => app.Browser());
        Assert.NotNull(error);
        return error.ToString();
    }

    [Fact]
    public async Task TheAppDoesNotStartWhenTheMailServerCannotDoTls()
    {
        await using var plain = new SmtpSink();
        await using var app = AppSendingTo(plain, Localhost.TrustFile);

        var error = StartUpError(app);
        Assert.Contains($"SalesWheel cannot send email through the SMTP server 127.0.0.1:{plain.Port} (STARTTLS)", error);
        Assert.Contains("does not offer STARTTLS", error);
        Assert.Empty(plain.Messages);
    }

    [Fact]
    public async Task TheAppDoesNotStartWhenTheServersCertificateIsNotTrusted()
    {
        await using var untrusted = new SmtpSink(Localhost.Certificate);
        await using var app = AppSendingTo(untrusted, trustFile: null);

        Assert.Contains("the server's certificate is not trusted", StartUpError(app));
    }

    [Fact]
    public async Task ATrustedCertificateForAnotherHostIsRefused()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=mail.other.example", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("mail.other.example");
        request.CertificateExtensions.Add(names.Build());
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using var other = X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);
        var trustFile = Path.Combine(Path.GetTempPath(), $"saleswheel-other-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(trustFile, made.ExportCertificatePem());
        await using var sink = new SmtpSink(other);
        await using var app = AppSendingTo(sink, trustFile);

        Assert.Contains("the server's certificate is not trusted", StartUpError(app));
    }

    [Fact]
    public async Task ImplicitTlsDeliversWhenConfigured()
    {
        await using var sink = new SmtpSink(Localhost.Certificate, implicitTls: true);
        await using var app = AppSendingTo(sink, Localhost.TrustFile, tls: "Implicit");

        var email = $"implicit-{Guid.NewGuid():N}@example.com";
        await app.Browser().SignUp(email, "Implicit Co"); // the confirmation link came through the TLS server
        Assert.Single(sink.TextsTo(email));
    }

    [Fact]
    public async Task StartTlsIsRequiredOnTheSubmissionPort()
    {
        await using var sink = new SmtpSink(Localhost.Certificate);
        await using var app = AppSendingTo(sink, Localhost.TrustFile);

        var email = $"starttls-{Guid.NewGuid():N}@example.com";
        await app.Browser().SignUp(email, "StartTls Co");
        Assert.Single(sink.TextsTo(email));
        Assert.False(Directory.Exists(app.OutboxFolder));
    }
}
