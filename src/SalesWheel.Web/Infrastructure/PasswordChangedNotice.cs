namespace SalesWheel.Web.Infrastructure;

/// <summary>Tells the account's address that its password changed (with a mail server), so an owner learns of a change they did not make.</summary>
public static class PasswordChangedNotice
{
    public static async Task SendAsync(IMailer mailer, LinkBuilder links, ILogger logger, string name, string email, CancellationToken cancellationToken)
    {
        if (!mailer.Delivers)
        {
            return; // the outbox is read by whoever runs the server, not by the person
        }

        try
        {
            await mailer.SendAsync(name, email, "Your SalesWheel password was changed",
                $"""
                The password of your SalesWheel account ({email}) was just changed, and every session of the account was signed out.

                If you made this change, there is nothing to do. If you did not, choose a new password now: {links.Absolute("/forgot-password")}
                and tell an owner of your organization.
                """, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The password change notice could not be sent");
        }
    }
}
