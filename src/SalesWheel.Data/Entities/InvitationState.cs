namespace SalesWheel.Data.Entities;

public enum InvitationState
{
    Invited = 0,
    Started = 1,
    Submitted = 2,
}
