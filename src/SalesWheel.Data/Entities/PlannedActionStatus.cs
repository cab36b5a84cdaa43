namespace SalesWheel.Data.Entities;

/// <summary>How far a planned action got.</summary>
public enum PlannedActionStatus
{
    Planned = 0,
    InProgress = 1,
    Done = 2,
    Dropped = 3,
}
