using SalesWheel.Core.Instruments;
using SalesWheel.Core.Text;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// "Run a follow-up" on a closed assessment, shared by its page and the API: a new draft with the same instrument and
/// the same audience, so the next wave can be compared with this one; or a pulse, the instrument restricted to the one
/// to three drivers being worked on (scored like any other instrument). Audited. Messages are keyed by field: "name",
/// "drivers", "closeDate".
/// </summary>
public sealed class FollowUp(AppDbContext db, AuditLog audit)
{
    /// <summary>The most drivers a pulse asks about.</summary>
    public const int MaximumPulseDrivers = 3;

    /// <summary>Why an assessment cannot be followed up yet; null when it can (it is closed).</summary>
    public static string? Refusal(Assessment source) => source.Status == AssessmentStatus.Closed
        ? null
        : "Only a closed assessment can be followed up: close this one first, or wait for its close date.";

    /// <summary>The name offered for a follow-up of <paramref name="source"/>.</summary>
    public static string SuggestedName(Assessment source)
    {
        var name = $"{PlainText.Line(source.Name).Trim()} \u2014 follow-up";
        return name.Length <= NewAssessment.MaximumNameLength ? name : name[..NewAssessment.MaximumNameLength].TrimEnd();
    }

    /// <summary>The drivers a pulse of <paramref name="source"/> may ask about, in instrument order.</summary>
    public static IReadOnlyList<Dimension> DriversOf(Assessment source) => [.. AssessmentScoring.InstrumentOf(source).Drivers];

    /// <summary>
    /// Saves the follow-up draft, or nothing with a message per bad field. No <paramref name="drivers"/> means the whole
    /// instrument; one to <see cref="MaximumPulseDrivers"/> driver ids make a pulse. The caller has checked
    /// <see cref="Refusal"/>.
    /// </summary>
    public async Task<AssessmentOutcome> CreateAsync(
        Guid organizationId,
        Actor actor,
        Assessment source,
        string? name,
        IEnumerable<string?> drivers,
        string? closeDate,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var cleaned = NewAssessment.CheckName(name, errors);

        var instrument = AssessmentScoring.InstrumentOf(source);
        var chosen = drivers.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var known = instrument.Drivers.ToList();
        var unknown = chosen.Where(id => known.All(d => d.Id != id)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("drivers", $"{string.Join(", ", unknown.Select(u => $"\u201c{PlainText.Line(u)}\u201d"))} {(unknown.Count == 1 ? "is not a driver" : "are not drivers")} of this assessment's instrument. Choose from: {string.Join(", ", known.Select(d => d.Id))}.");
        }
        else if (chosen.Count > MaximumPulseDrivers)
        {
            errors.Add("drivers", $"A pulse asks about at most {MaximumPulseDrivers} drivers ({chosen.Count} were chosen). Choose fewer, or none for the whole instrument.");
        }

        var close = NewAssessment.CheckCloseDate(closeDate, errors);
        if (!errors.IsEmpty)
        {
            return new AssessmentOutcome(null, errors);
        }

        var followUp = new Assessment
        {
            OrganizationId = organizationId,
            Name = cleaned,
            QuickForm = source.QuickForm,
            InstrumentJson = source.InstrumentJson,
            AudienceTeams = source.AudienceTeams,
            AudienceRoles = source.AudienceRoles,
            CloseDate = close,
            Status = AssessmentStatus.Draft,
        };
        var what = source.QuickForm ? "the same quick form" : "the same instrument";
        if (chosen.Count > 0)
        {
            // Instrument order, whatever order they were ticked in; the instrument keeps its id and version, so the
            // pulse is compared with earlier waves driver by driver.
            var pulseDrivers = known.Where(d => chosen.Contains(d.Id)).ToList();
            var pulse = instrument.Subset(
                [.. pulseDrivers.SelectMany(d => d.Items).Select(i => i.Id)],
                instrument.Id,
                $"{instrument.Name} \u2014 pulse: {string.Join(", ", pulseDrivers.Select(d => d.Name))}");
            followUp.InstrumentJson = InstrumentFile.ToJson(pulse);
            followUp.QuickForm = false;
            what = $"a pulse of {string.Join(", ", pulseDrivers.Select(d => d.Name))}";
        }

        db.Assessments.Add(followUp);
        var audience = Audience.Of(followUp);
        audit.Record(organizationId, actor, "follow-up created",
            $"{followUp.Name}: follows up {PlainText.Line(source.Name)} with {what}; {audience.TeamsText}; {audience.RolesText}");
        await db.SaveChangesAsync(cancellationToken);
        return new AssessmentOutcome(followUp, errors);
    }
}
