using System.Security.Cryptography;
using System.Text;

namespace SalesWheel.Data;

/// <summary>Personal link tokens: 128 random bits, URL-safe; only their SHA-256 hash is stored.</summary>
public static class Tokens
{
    /// <summary>A new token (22 URL-safe characters, 128 bits of randomness).</summary>
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(16));

    /// <summary>The stored form of a token.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether a string could be a token (so malformed links are turned away before any lookup).</summary>
    public static bool LooksValid(string? token) => LooksValid(token, 22);

    /// <summary>Whether a string is <paramref name="length"/> URL-safe base64 characters.</summary>
    internal static bool LooksValid(string? token, int length) =>
        token is { } t && t.Length == length && t.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
