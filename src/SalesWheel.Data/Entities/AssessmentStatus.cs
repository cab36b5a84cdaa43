namespace SalesWheel.Data.Entities;

public enum AssessmentStatus
{
    Draft = 0,
    Open = 1,
    Closed = 2,
}
