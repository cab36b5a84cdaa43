using System.Net;
using System.Security.Cryptography.X509Certificates;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Tests.Assessments;

/// <summary>
/// The app with SMTP set up, sending through <see cref="SmtpSink"/> over STARTTLS, trusting the sink's certificate the
/// way an operator would (a certificate file in the settings).
/// </summary>
public sealed class SmtpAppFixture : IAsyncLifetime
{
    private static readonly (X509Certificate2 Certificate, string TrustFile) Tls = SmtpSink.MakeCertificate();

    public SmtpSink Sink { get; } = new(Tls.Certificate);

    public AppFactory App { get; } = new();

    public Task InitializeAsync()
    {
        App.Settings["SalesWheel:Smtp:Host"] = "127.0.0.1";
        App.Settings["SalesWheel:Smtp:Port"] = Sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        App.Settings["SalesWheel:Smtp:TrustedCertificateFile"] = Tls.TrustFile;
        App.Mailbox = Sink.TextsTo;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Sink.DisposeAsync();
    }
}

public sealed class SmtpDeliveryTests(SmtpAppFixture fixture) : IClassFixture<SmtpAppFixture>
{
    private AppFactory App => fixture.App;

    [Fact]
    public async Task WithSmtpEveryoneGetsTheirOwnLinkByEmailAndTheAdminSeesNone()
    {
        var (client, organization) = await App.NewOrganization("Mail Co");
        var people = App.AddPeople(organization, "East", PersonRole.Seller, 6);
        var id = await client.CreateAssessment("Q4 by email");

        var page = await client.ActAndRead(id, "Open");

        // Six real emails through the SMTP server, each to one person with that person's own link.
        var mails = fixture.Sink.Messages.Where(m => (m.Subject ?? "").Contains("Q4 by email", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, mails.Count);
        Assert.Equal(people.Select(p => p.Email).Order(), mails.Select(m => m.To.Mailboxes.Single().Address).Order());
        var tokens = mails.Select(m => AssessmentKit.TokensIn(m.TextBody ?? "").Single()).ToList();
        Assert.Equal(6, tokens.Distinct().Count());
        foreach (var token in tokens)
        {
            Assert.Equal(HttpStatusCode.OK, (await App.Browser().GetAsync($"/s/{token}")).StatusCode);
        }

        // The admin who needs no links gets none: not on the page, not in a links file, not in the outbox.
        Assert.Contains("The assessment is open: 6 people were invited.", page);
        Assert.Empty(AssessmentKit.TokensIn(page));
        Assert.DoesNotContain("links.csv", page);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/assessments/{id}/links.csv")).StatusCode);
        Assert.False(Directory.Exists(App.OutboxFolder) && Directory.EnumerateFiles(App.OutboxFolder, "*", SearchOption.AllDirectories).Any());
    }
}
