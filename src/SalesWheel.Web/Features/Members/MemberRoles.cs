using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.Members;

/// <summary>What each organization role may do, in words, and the rule that an organization always keeps an owner.</summary>
public static class MemberRoles
{
    /// <summary>How long an emailed invitation to join stays usable.</summary>
    public static readonly TimeSpan InviteLifetime = TimeSpan.FromDays(7);

    /// <summary>The role as a word, as the pages and the audit log write it ("owner", "admin", "viewer").</summary>
    public static string Word(MemberRole role) => role switch
    {
        MemberRole.Owner => "owner",
        MemberRole.Admin => "admin",
        _ => "viewer",
    };

    public static string Describe(MemberRole role) => role switch
    {
        MemberRole.Owner => "everything, including members, roles and the audit log",
        MemberRole.Admin => "people, assessments and settings",
        _ => "reads results and settings, changes nothing",
    };

    public static MemberRole? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "owner" => MemberRole.Owner,
        "admin" => MemberRole.Admin,
        "viewer" => MemberRole.Viewer,
        _ => null,
    };

    public static Task<int> OwnerCountAsync(AppDbContext db, Guid organizationId) =>
        db.Memberships.CountAsync(m => m.OrganizationId == organizationId && m.Role == MemberRole.Owner);

    public const string LastOwner = "An organization needs at least one owner. Make someone else an owner first.";
}
