using System.Security.Cryptography;
using System.Text;

namespace SalesWheel.Data;

/// <summary>What a respondent has saved so far: one byte per item in instrument order, the comment, the furthest page.</summary>
public sealed record DraftContent(byte[] Answers, string? Comment, int Page);

/// <summary>
/// Seals drafts with a key only the respondent's browser can supply. The browser keeps a random secret in a cookie
/// (the server never stores it); the key is HKDF-SHA256 of that secret with the invitation id as salt (RFC 5869), and
/// the content is sealed with AES-256-GCM. Without the browser's secret, the database holds ciphertext only, and
/// anyone opening the same link elsewhere finds nothing to read.
/// </summary>
public static class DraftSeal
{
    private const int SecretBytes = 32;
    private static readonly byte[] KeyInfo = "saleswheel draft key v1"u8.ToArray();

    /// <summary>A new browser secret (43 URL-safe characters, 256 bits).</summary>
    public static string NewBrowserSecret() => Tokens.Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>Whether a cookie value could be a browser secret.</summary>
    public static bool LooksValid(string? secret) => Tokens.LooksValid(secret, 43);

    /// <summary>
    /// The stored, one-way id of a browser in one invitation (hex HMAC-SHA256 of the invitation id under the browser's
    /// secret): the same browser has unrelated ids in different invitations, so a copy of the database cannot tie the
    /// open-link answer of a browser to the personal link it answered elsewhere.
    /// </summary>
    public static string BrowserId(string secret, Guid invitationId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes("saleswheel browser id\n" + invitationId.ToString("D"))));

    /// <summary>
    /// The survey link a browser gets behind an open link: HMAC-SHA256 of the open link's token under the browser's
    /// secret, as a token (22 URL-safe characters). The same browser always gets the same link back (and so answers
    /// once); the server stores only its hash and can never make it without the browser.
    /// </summary>
    public static string LinkFor(string secret, string openLinkToken)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes("saleswheel open link\n" + openLinkToken));
        return Tokens.Base64Url(mac[..16]);
    }

    public static byte[] Seal(string secret, Guid invitationId, DraftContent content)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(content.Page);
            writer.Write(content.Answers.Length);
            writer.Write(content.Answers);
            writer.Write(content.Comment is not null);
            writer.Write(content.Comment ?? "");
        }

        return Aead.Seal(Key(secret, invitationId), invitationId.ToByteArray(), buffer.ToArray());
    }

    /// <summary>The draft's content, or null when this secret did not seal it (another browser) or it was tampered with.</summary>
    public static DraftContent? Open(string secret, Guid invitationId, byte[] sealedContent)
    {
        if (Aead.Open(Key(secret, invitationId), invitationId.ToByteArray(), sealedContent) is not { } plain)
        {
            return null;
        }

        using var reader = new BinaryReader(new MemoryStream(plain), Encoding.UTF8);
        var page = reader.ReadInt32();
        var answers = reader.ReadBytes(reader.ReadInt32());
        var hasComment = reader.ReadBoolean();
        var comment = reader.ReadString();
        return new DraftContent(answers, hasComment ? comment : null, page);
    }

    private static byte[] Key(string secret, Guid invitationId) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, invitationId.ToByteArray(), KeyInfo);
}

/// <summary>
/// What a sealed submission holds; becomes a <see cref="Entities.SurveyResponse"/> when its assessment closes. No day:
/// responses carry the day they were released, so no moment ties one to an invitation.
/// </summary>
/// <param name="Role">The role family when invited.</param>
/// <param name="Team">The team when invited.</param>
/// <param name="Answers">One byte per item, as <see cref="Entities.SurveyResponse.Answers"/>.</param>
/// <param name="Comment">The comment, if any.</param>
/// <param name="Attributes">The attribute values when invited (<see cref="AttributeValues"/>), "" for none.</param>
public sealed record SubmissionContent(string Role, string Team, byte[] Answers, string? Comment, string Attributes = "");

/// <summary>
/// Seals submissions until their assessment closes, with a 256-bit AES-GCM key kept outside the database
/// (configuration, or a key file with owner-only permissions). Whoever holds only the database (a backup, a copied
/// file) reads no submission; at close the submissions are opened, shuffled and stored as anonymous responses.
/// </summary>
public sealed class SubmissionSeal
{
    private readonly byte[] _key;

    /// <param name="key">32 bytes.</param>
    /// <exception cref="ArgumentException">The key is not 32 bytes.</exception>
    public SubmissionSeal(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException($"The submission key must be 32 bytes (256 bits); it has {key.Length}.", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>
    /// The key from configuration (base64 of 32 bytes) when given, else from the key file, which is made (owner-only
    /// permissions on Unix) the first time.
    /// </summary>
    /// <exception cref="InvalidOperationException">The configured key or the key file is not a 32-byte key.</exception>
    public static SubmissionSeal FromConfiguredKeyOrFile(string? base64Key, string keyFile)
    {
        if (!string.IsNullOrWhiteSpace(base64Key))
        {
            byte[] key;
            try
            {
                key = Convert.FromBase64String(base64Key.Trim());
            }
            catch (FormatException)
            {
                throw new InvalidOperationException("SalesWheel:SubmissionKey is not base64: give 32 random bytes in base64 (for example the output of `openssl rand -base64 32`).");
            }

            return key.Length == 32
                ? new SubmissionSeal(key)
                : throw new InvalidOperationException($"SalesWheel:SubmissionKey must be 32 bytes in base64; it is {key.Length} bytes.");
        }

        if (!File.Exists(keyFile))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyFile))!);
            var fresh = RandomNumberGenerator.GetBytes(32);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var stream = new FileStream(keyFile, options);
                stream.Write(fresh);
            }
            catch (IOException) when (File.Exists(keyFile))
            {
                // Another process made it at the same moment: use theirs.
            }
        }

        var bytes = File.ReadAllBytes(keyFile);
        return bytes.Length == 32
            ? new SubmissionSeal(bytes)
            : throw new InvalidOperationException($"The submission key file {keyFile} must hold exactly 32 bytes; it holds {bytes.Length}. Restore it from your backup of the keys.");
    }

    private const char SealedMark = '\u0001'; // control characters never reach a stored name (they are cleaned at input)

    /// <summary>
    /// A response's role or team as stored: sealed with this key (so a copy of the database alone cannot match a role and
    /// team that only one person has to that person), padded to one length, marked so that values stored in the clear
    /// by earlier releases still read.
    /// </summary>
    public string SealAttribute(Guid assessmentId, string value) =>
        SealedMark + Convert.ToBase64String(Aead.Seal(_key, AttributeData(assessmentId), Encoding.UTF8.GetBytes(value), 512));

    /// <summary>A stored role or team as it was given.</summary>
    /// <exception cref="CryptographicException">It was sealed with another key.</exception>
    public string OpenAttribute(Guid assessmentId, string stored)
    {
        if (stored.Length == 0 || stored[0] != SealedMark)
        {
            return stored;
        }

        return Aead.Open(_key, AttributeData(assessmentId), Convert.FromBase64String(stored[1..])) is { } plain
            ? Encoding.UTF8.GetString(plain)
            : throw new CryptographicException("A response's role or team is sealed with a different submission key than this server has (SalesWheel:SubmissionKey or data/keys/submission.key).");
    }

    /// <summary>
    /// A response's attribute values (<see cref="AttributeValues"/>) as stored: sealed like role and team, padded to one
    /// length for every response whatever values it holds (even none), so the length tells nothing.
    /// </summary>
    public string SealAttributes(Guid assessmentId, string json) =>
        SealedMark + Convert.ToBase64String(Aead.Seal(_key, AttributeData(assessmentId), Encoding.UTF8.GetBytes(json), AttributesBlock));

    // Five attributes of 100 characters (up to 4 bytes each in UTF-8) with their ids fit in one block.
    private const int AttributesBlock = 4096;

    private static byte[] AttributeData(Guid assessmentId) => [.. assessmentId.ToByteArray(), .. "attribute"u8];

    public byte[] Seal(Guid assessmentId, SubmissionContent content)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(content.Role);
            writer.Write(content.Team);
            writer.Write(content.Answers.Length);
            writer.Write(content.Answers);
            writer.Write(content.Comment is not null);
            writer.Write(content.Comment ?? "");
            writer.Write(content.Attributes);
        }

        return Aead.Seal(_key, assessmentId.ToByteArray(), buffer.ToArray());
    }

    /// <summary>
    /// Seals a server secret the database keeps for every web node (the data-protection key ring, links shown once,
    /// links files) with this key, which lives outside the database: a copy of the database alone reads none of them.
    /// <paramref name="purpose"/> binds it to what it is (a sealed link list does not open as a key ring).
    /// </summary>
    public byte[] SealSecret(string purpose, byte[] content) => Aead.Seal(_key, SecretData(purpose), content, 256);

    /// <summary>A secret sealed by <see cref="SealSecret"/> for the same purpose, or null (another key or purpose).</summary>
    public byte[]? OpenSecret(string purpose, byte[] sealedContent) => Aead.Open(_key, SecretData(purpose), sealedContent);

    private static byte[] SecretData(string purpose) => Encoding.UTF8.GetBytes("secret\n" + purpose);

    /// <summary>The content, or null when it was not sealed with this key for this assessment.</summary>
    public SubmissionContent? Open(Guid assessmentId, byte[] sealedContent)
    {
        if (Aead.Open(_key, assessmentId.ToByteArray(), sealedContent) is not { } plain)
        {
            return null;
        }

        using var reader = new BinaryReader(new MemoryStream(plain), Encoding.UTF8);
        var role = reader.ReadString();
        var team = reader.ReadString();
        var answers = reader.ReadBytes(reader.ReadInt32());
        var hasComment = reader.ReadBoolean();
        var comment = reader.ReadString();
        // Submissions sealed before attributes existed end here.
        var attributes = reader.BaseStream.Position < reader.BaseStream.Length ? reader.ReadString() : "";
        return new SubmissionContent(role, team, answers, hasComment ? comment : null, attributes);
    }
}

/// <summary>
/// AES-256-GCM with a random 96-bit nonce: nonce ‖ ciphertext ‖ 128-bit tag. The plain text is padded to a whole number
/// of 8 KiB blocks first (a length prefix, then zeros), so a sealed row's length does not give away how long its
/// comment is: a survey's comment (2,000 characters at most) and answers fit in one block, so every sealed draft and
/// submission of a survey has the same length.
/// </summary>
internal static class Aead
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int Block = 8192;

    public static byte[] Seal(byte[] key, byte[] associatedData, byte[] content, int block = Block)
    {
        var padded = new byte[(content.Length + 4 + block - 1) / block * block];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(padded, content.Length);
        content.CopyTo(padded, 4);
        var plain = padded;
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length), associatedData);
        return output;
    }

    public static byte[]? Open(byte[] key, byte[] associatedData, byte[] sealedContent)
    {
        if (sealedContent.Length < NonceSize + TagSize)
        {
            return null;
        }

        var length = sealedContent.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(sealedContent.AsSpan(0, NonceSize), sealedContent.AsSpan(NonceSize, length), sealedContent.AsSpan(NonceSize + length), plain, associatedData);
            var contentLength = length >= 4 ? System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(plain) : -1;
            return contentLength >= 0 && contentLength <= length - 4 ? plain[4..(4 + contentLength)] : null;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
