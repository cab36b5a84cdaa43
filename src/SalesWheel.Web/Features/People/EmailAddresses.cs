using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace SalesWheel.Web.Features.People;

/// <summary>Email addresses of people and invited members: checked the same way everywhere, stored in lower case so one address is one person.</summary>
public static class EmailAddresses
{
    public const int MaximumLength = 320;

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>A plain address (name@company.com): one @, a dotted domain, no spaces, no display name.</summary>
    public static bool IsValid(string? email)
    {
        if (string.IsNullOrEmpty(email) || email.Length > MaximumLength || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        var at = email.IndexOf('@');
        if (at <= 0 || at > 64 || at != email.LastIndexOf('@'))
        {
            return false;
        }

        var domain = email[(at + 1)..];
        if (domain.Length < 3 || !domain.Contains('.') || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        return MailAddress.TryCreate(email, out var parsed) && string.Equals(parsed.Address, email, StringComparison.Ordinal);
    }
}

/// <summary>Form validation with <see cref="EmailAddresses.IsValid"/> (blank is left to [Required]).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidEmailAttribute : ValidationAttribute
{
    public ValidEmailAttribute() => ErrorMessage = "Enter an email address like name@company.com.";

    public override bool IsValid(object? value) => value is not string text || text.Trim().Length == 0 || EmailAddresses.IsValid(text.Trim());
}
