namespace SalesWheel.Web.Infrastructure;

/// <summary>Settings under "SalesWheel" in appsettings.json or SalesWheel__* environment variables.</summary>
public sealed class SalesWheelOptions
{
    /// <summary>Where the SQLite file and the outbox live.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>
    /// The address people use to reach the app (e.g. https://wheel.example.com), the base of every absolute link;
    /// required in Production. Empty elsewhere = the address the server listens on (never the request's Host header).
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>
    /// The key that seals submissions until their assessment closes: base64 of 32 random bytes. Empty = a key file made
    /// in DataFolder/keys on first use. Give the same key to every node, and keep it out of database backups.
    /// </summary>
    public string SubmissionKey { get; set; } = "";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// Where emails are written without SMTP (.eml files): DataFolder/outbox unless set. With several nodes and no SMTP,
    /// a folder every node shares (a network file system), so one place holds every node's messages.
    /// </summary>
    public string OutboxFolder
    {
        get => string.IsNullOrWhiteSpace(outboxFolder) ? Path.Combine(DataFolder, "outbox") : outboxFolder;
        set => outboxFolder = value;
    }

    private string? outboxFolder;
}

public sealed class SmtpOptions
{
    /// <summary>Empty = no SMTP: messages are written to the outbox folder as .eml files.</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    public string From { get; set; } = "SalesWheel <no-reply@saleswheel.local>";

    /// <summary>"Implicit" (TLS from the first byte, the default on port 465) or "StartTls" (required; the default on other ports). Never plain text.</summary>
    public string Tls { get; set; } = "";

    /// <summary>A certificate file (PEM or DER) to trust for the server besides the system's: a private CA, or the server's own self-signed certificate.</summary>
    public string TrustedCertificateFile { get; set; } = "";
}
