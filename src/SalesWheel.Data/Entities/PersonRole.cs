namespace SalesWheel.Data.Entities;

/// <summary>The role a person plays in the sales team (a breakdown attribute).</summary>
public enum PersonRole
{
    Seller = 0,
    Manager = 1,
    Leader = 2,
    OpsEnablement = 3,
}
