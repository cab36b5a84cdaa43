namespace SalesWheel.Data.Entities;

/// <summary>What an invitation row stands for.</summary>
public enum InvitationKind
{
    /// <summary>A person's personal link.</summary>
    Personal = 0,

    /// <summary>A person in the audience of an assessment opened with an open link: counted as invited, no link of its own.</summary>
    Headcount = 1,

    /// <summary>One browser that came through the open link, with the team and role it chose; its link is derived from the browser's secret.</summary>
    OpenLink = 2,
}
