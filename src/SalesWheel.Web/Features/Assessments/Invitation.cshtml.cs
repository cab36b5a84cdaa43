using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// The invitation and reminder as a sample person would receive them (subject, sender, plain text and HTML, made by the
/// very functions that send them), the form to change the note and sender name while emails can still go out, and the
/// switch for the participant summary.
/// </summary>
public sealed class InvitationModel(AppDbContext db, InvitationSettings settings, LinkBuilder links, IOptions<SalesWheelOptions> options) : OrganizationPageModel
{
    /// <summary>The sample person the preview is addressed to.</summary>
    public const string SampleName = "Sam Sample";

    public const string SampleAddress = "sam.sample@example.com";

    /// <summary>A link of the right shape that leads nowhere: the preview must never hold a working link.</summary>
    public const string SampleToken = "sample-link-not-usable";

    protected override MemberRole RequiredRole => MemberRole.Admin;

    public Assessment Assessment { get; private set; } = null!;

    /// <summary>The emails respondents receive, by heading ("Invitation", "Reminder").</summary>
    public IReadOnlyList<(string Kind, string Title, OutgoingEmail Email)> Emails { get; private set; } = [];

    /// <summary>The address emails come from (the server's), with the sender name the emails set.</summary>
    public string FromAddress { get; private set; } = "";

    public bool CanChangeText => !Assessment.Uploaded && !ResultsRelease.IsClosed(Assessment, ResultsRelease.Today);

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public string? SenderName { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Note = Assessment.InvitationNote;
        SenderName = Assessment.SenderName;
        return Page();
    }

    /// <summary>
    /// One email's HTML alone, for the sandboxed frame of the preview: its own policy runs no script and loads nothing,
    /// whatever the HTML holds.
    /// </summary>
    public async Task<IActionResult> OnGetHtmlAsync(Guid id, string? kind, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || Emails.FirstOrDefault(e => e.Kind == kind) is not { Email.Html: { } html })
        {
            return NotFound();
        }

        Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox";
        Response.Headers.XFrameOptions = "SAMEORIGIN";
        return Content(html, "text/html; charset=utf-8");
    }

    public async Task<IActionResult> OnPostTextAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var outcome = await settings.ChangeTextAsync(OrganizationId, Actor.Of(CurrentUser), Assessment, Note, SenderName, cancellationToken);
        if (outcome.Assessment is null)
        {
            outcome.Errors.ShowOn(ModelState, field => field switch { "note" => nameof(Note), "senderName" => nameof(SenderName), _ => "" });
            return Page();
        }

        return Redirect($"/assessments/{id}/invitation");
    }

    /// <summary>The participant summary switch (from the assessment page): back there once saved.</summary>
    public async Task<IActionResult> OnPostShareAsync(Guid id, bool share, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await settings.ShareSummaryAsync(OrganizationId, Actor.Of(CurrentUser), Assessment, share, cancellationToken);
        return Redirect($"/assessments/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.Assessments.FirstOrDefaultAsync(a => a.Id == id && a.OrganizationId == OrganizationId, cancellationToken) is not { } assessment)
        {
            return false;
        }

        Assessment = assessment;
        var link = links.Absolute((assessment.OpenLinkTokenHash is null ? "/s/" : "/o/") + SampleToken);
        Emails = assessment.OpenLinkTokenHash is null
            ?
            [
                ("invitation", "The invitation", InvitationEmails.Invitation(Organization, assessment, SampleName, link)),
                ("reminder", "A reminder", InvitationEmails.Reminder(Organization, assessment, SampleName, link)),
            ]
            : [("invitation", "The invitation (one anonymous link for everyone)", InvitationEmails.OpenLinkInvitation(Organization, assessment, SampleName, link))];
        FromAddress = MailboxAddress.Parse(options.Value.Smtp.From).Address;
        return true;
    }
}
