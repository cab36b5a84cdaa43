using SalesWheel.Core.Scoring;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data;

/// <summary>Which minimum group size protects an assessment.</summary>
public static class MinimumGroupSizes
{
    /// <summary>
    /// The one bound to the assessment when it opened (or was uploaded): what its respondents were promised on the
    /// welcome page and in their email. A later setting applies to later assessments only, up or down: a result that
    /// changed with the setting could be set against the one shown before, and the difference would be the people in
    /// between. A draft, not yet promised to anyone (or no assessment yet, as for a file about to be uploaded), follows the current setting. Never below
    /// <see cref="Anonymity.LowestMinimumGroupSize"/>.
    /// </summary>
    public static int Of(Assessment? assessment, Organization organization) =>
        Anonymity.EffectiveMinimumGroupSize(assessment?.MinimumGroupSize, organization.MinimumGroupSize);
}
