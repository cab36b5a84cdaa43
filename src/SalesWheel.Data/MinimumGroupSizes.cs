using SalesWheel.Core.Scoring;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data;

/// <summary>Which minimum group size protects an assessment.</summary>
public static class MinimumGroupSizes
{
    /// <summary>
    /// The one bound to the assessment when it opened (or was uploaded) — what its respondents were promised on the
    /// welcome page and in their email — or the organization's current setting if that is larger: a later setting can
    /// protect an assessment more, never less. A draft, not yet promised to anyone, follows the current setting.
    /// Never below <see cref="Anonymity.LowestMinimumGroupSize"/>.
    /// </summary>
    public static int Of(Assessment assessment, Organization organization) =>
        Math.Max(Anonymity.LowestMinimumGroupSize, Math.Max(assessment.MinimumGroupSize ?? 0, organization.MinimumGroupSize));
}
