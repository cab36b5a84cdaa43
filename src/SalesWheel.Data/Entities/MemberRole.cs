namespace SalesWheel.Data.Entities;

/// <summary>What a signed-in user may do in their organization.</summary>
public enum MemberRole
{
    Viewer = 0,
    Admin = 1,
    Owner = 2,
}
