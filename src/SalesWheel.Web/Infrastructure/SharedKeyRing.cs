using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using SalesWheel.Data;

namespace SalesWheel.Web.Infrastructure;

/// <summary>
/// The data-protection key ring (what signs the sign-in cookie, antiforgery tokens, notices and device cookies) lives in
/// the database, so a cookie one web node issued is accepted by every other node on the same database. The keys are
/// sealed with the submission key, which lives outside the database: whoever holds only a copy of the database cannot
/// forge a session.
/// </summary>
public static class SharedKeyRing
{
    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services)
    {
        // One application name: by default it is the content root, and two nodes installed in different folders would
        // not read each other's cookies.
        services.AddDataProtection().SetApplicationName("SalesWheel").PersistKeysToDbContext<AppDbContext>();
        services.AddOptions<KeyManagementOptions>().Configure<SubmissionSeal>((options, seal) => options.XmlEncryptor = new SealedKeyEncryptor(seal));
        return services;
    }
}

/// <summary>Seals a key's XML with the submission key before it is stored.</summary>
public sealed class SealedKeyEncryptor(SubmissionSeal seal) : IXmlEncryptor
{
    internal const string Purpose = "data-protection key";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var sealedKey = seal.SealSecret(Purpose, Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting)));
        return new EncryptedXmlInfo(new XElement("sealedKey", Convert.ToBase64String(sealedKey)), typeof(SealedKeyDecryptor));
    }
}

/// <summary>Opens a key sealed by <see cref="SealedKeyEncryptor"/> (made by data protection through its service provider).</summary>
public sealed class SealedKeyDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var seal = services.GetRequiredService<SubmissionSeal>();
        var plain = seal.OpenSecret(SealedKeyEncryptor.Purpose, Convert.FromBase64String(encryptedElement.Value))
            ?? throw new System.Security.Cryptography.CryptographicException(
                "A data-protection key in the database is sealed with a different submission key than this server has: give every node the same SalesWheel:SubmissionKey.");
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
