using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.Plan;

/// <summary>
/// The fields of one action on the new and edit pages. The owner is chosen among the members or typed in (a name
/// typed in wins), so the page works without JavaScript; the use case checks everything, as for the API.
/// </summary>
public sealed class PlannedActionForm
{
    public string? Title { get; set; }

    public string? Driver { get; set; }

    public string? Facet { get; set; }

    public string? PlaybookAction { get; set; }

    /// <summary>A member's user id, or empty.</summary>
    public string? OwnerMember { get; set; }

    /// <summary>A name typed in, for an owner who is not a member.</summary>
    public string? OwnerName { get; set; }

    public string? DueDate { get; set; }

    public string? Status { get; set; }

    public string? Notes { get; set; }

    public string? Assessment { get; set; }

    public PlannedActionInput Input => new(Title, Driver, Facet, PlaybookAction,
        string.IsNullOrWhiteSpace(OwnerName) ? OwnerMember : OwnerName, DueDate, Status, Notes, Assessment);

    public static PlannedActionForm From(PlannedActionInput input, IReadOnlyList<PlanMember> members)
    {
        var member = members.Any(m => m.UserId == input.Owner);
        return new()
        {
            Title = input.Title,
            Driver = input.Driver,
            Facet = input.Facet,
            PlaybookAction = input.PlaybookAction,
            OwnerMember = member ? input.Owner : "",
            OwnerName = member ? "" : input.Owner,
            DueDate = input.DueDate,
            Status = input.Status,
            Notes = input.Notes,
            Assessment = input.Assessment,
        };
    }

    public static PlannedActionForm From(PlannedAction action, IReadOnlyList<PlanMember> members) => From(PlannedActionInput.From(action), members);
}
