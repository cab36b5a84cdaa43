using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesWheel.Data;
using SalesWheel.Web.Features.Api;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.ApiTokens;

/// <summary>The secret of an API token: "swk_" and 22 URL-safe characters (128 random bits); only its SHA-256 is stored.</summary>
public static class ApiTokenSecrets
{
    public const string Prefix = "swk_";

    public static string New() => Prefix + Tokens.New();

    public static bool LooksValid(string? secret) =>
        secret is not null && secret.StartsWith(Prefix, StringComparison.Ordinal) && Tokens.LooksValid(secret[Prefix.Length..]);
}

/// <summary>
/// Authenticates API requests by <c>Authorization: Bearer &lt;token&gt;</c>. The token acts for the member who made
/// it, with the lower of its own role and the member's current role, and stops working once revoked or once that
/// member leaves the organization. Only the API uses this scheme; pages only ever read the sign-in cookie.
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AppDbContext db) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header["Bearer ".Length..].Trim();
        if (!ApiTokenSecrets.LooksValid(secret))
        {
            return AuthenticateResult.Fail("malformed token");
        }

        var hash = Tokens.Hash(secret);
        var row = await (from t in db.ApiTokens
                         join m in db.Memberships on new { User = t.CreatedByUserId, Organization = t.OrganizationId } equals new { User = m.UserId, Organization = m.OrganizationId }
                         join u in db.Users on m.UserId equals u.Id
                         where t.TokenHash == hash && t.RevokedAt == null
                         select new { t.Id, t.OrganizationId, t.Name, t.Role, t.LastUsedOn, MemberRole = m.Role, UserId = u.Id, u.Email, u.DisplayName })
            .AsNoTracking().FirstOrDefaultAsync(Context.RequestAborted);
        if (row is null)
        {
            return AuthenticateResult.Fail("unknown or revoked token");
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        if (row.LastUsedOn != today)
        {
            // Once a day at most: the list of tokens shows the day, and a write per request would slow every call.
            await db.ApiTokens.Where(t => t.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedOn, today), Context.RequestAborted);
        }

        var role = row.Role < row.MemberRole ? row.Role : row.MemberRole;
        var identity = new ClaimsIdentity(
        [
            new Claim(ApiCaller.OrganizationClaim, row.OrganizationId.ToString()),
            new Claim(ApiCaller.UserClaim, row.UserId),
            new Claim(ClaimTypes.Name, $"{row.Email ?? row.DisplayName} (API token \"{row.Name}\")"),
            new Claim(ClaimTypes.Role, role.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = result.None ? "Bearer" : "Bearer error=\"invalid_token\"";
        await ApiProblems.Write(Context, StatusCodes.Status401Unauthorized, result.None
            ? "Send an API token in the Authorization header: \"Authorization: Bearer <token>\". Owners and admins make tokens under Settings → API tokens."
            : "This API token is not valid: it was revoked, mistyped, or its maker has left the organization.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.Write(Context, StatusCodes.Status403Forbidden,
            "This token can only read. Changes need a token with the admin role, made by an owner or admin.");
}

/// <summary>The organization and maker of the API token behind the current request (its role is a claim the policies check).</summary>
public sealed record ApiCaller(Guid OrganizationId, Actor Actor)
{
    public const string OrganizationClaim = "saleswheel:organization";
    public const string UserClaim = "saleswheel:user";

    /// <summary>Reads the caller from an API token's principal; throws for any other (the API group only admits tokens).</summary>
    public static ApiCaller From(ClaimsPrincipal user) => new(
        Guid.Parse(user.FindFirstValue(OrganizationClaim) ?? throw new InvalidOperationException("Not an API token principal.")),
        new Actor(user.FindFirstValue(UserClaim), user.FindFirstValue(ClaimTypes.Name)!));
}
