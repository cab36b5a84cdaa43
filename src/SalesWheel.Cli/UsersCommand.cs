using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;

namespace SalesWheel.Cli;

/// <summary>
/// <c>saleswheel users reset-password EMAIL</c>: for the operator of a SalesWheel without a mail server (or an owner
/// locked out of their own organization): prints a one-time link to choose a new password, from the web app's database.
/// </summary>
public static class UsersCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var email = new Argument<string>("EMAIL") { Description = "The address the account signs in with." };
        var database = new DatabaseOptions();
        var baseUrl = new Option<string>("--base-url")
        {
            Description = "Address the web app answers at, used in the printed link.",
            DefaultValueFactory = _ => "http://localhost:5080",
            HelpName = "URL",
        };
        var reset = new Command("reset-password",
            "Print a one-time link to choose a new password for the account with this email (it works once, for 24 hours, "
            + "and using it signs the account out everywhere). Earlier links for the account stop working.")
        {
            email, baseUrl,
        };
        foreach (var option in database.All)
        {
            reset.Options.Add(option);
        }

        reset.SetAction((parse, cancellationToken) => ResetPasswordAsync(parse.GetValue(email) ?? "", database, parse,
            parse.GetValue(baseUrl) ?? "", stdout, stderr, cancellationToken));
        return new Command("users", "Manage the web app's accounts.") { reset };
    }

    private static async Task<int> ResetPasswordAsync(string email, DatabaseOptions database, ParseResult parse, string baseUrl, TextWriter stdout,
        TextWriter stderr, CancellationToken cancellationToken) =>
        await database.WithDatabaseAsync(parse, stderr, async db =>
        {
            var normalized = email.Trim().ToUpperInvariant(); // as Identity normalizes NormalizedEmail
            var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
            if (user is null)
            {
                stderr.WriteLine($"error: no account signs in with {email.Trim()}");
                return CliApp.BadInput;
            }

            var (token, expires) = await PasswordResetLinks.CreateAsync(db, user.Id, "operator", PasswordResetLinks.HandedLifetime, cancellationToken);
            stdout.WriteLine($"A link for {user.DisplayName} <{user.Email}> to choose a new password:");
            stdout.WriteLine($"  {baseUrl.TrimEnd('/')}/reset-password/{token}");
            stdout.WriteLine($"It works once, until {expires:yyyy-MM-dd HH:mm} UTC. Pass it on privately: whoever opens it can take over the account.");
            return CliApp.Success;
        }, cancellationToken);
}
