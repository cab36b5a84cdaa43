using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SalesWheel.Web.Features.Shared;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";

    public string Message { get; private set; } = "Nothing you entered was lost on our side; please try again in a moment.";

    /// <summary>
    /// A page that answers 404 may leave here what a person should do instead (<c>HttpContext.Items</c>; the status page
    /// runs in the same request). It must read the same for an id that never existed and another organization's.
    /// </summary>
    public const string NotFoundHint = "SalesWheel.NotFoundHint";

    /// <summary>Where the hint's link leads, with <see cref="NotFoundHint"/>.</summary>
    public const string NotFoundHintLink = "SalesWheel.NotFoundHintLink";

    public string? HintLink { get; private set; }

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        // Only a real error status is shown: /error?status=200 or ?status=302 (a link anyone can send) must not make this
        // page answer "OK" or a redirect without a Location. Anything else, and a plain visit, is "Page not found";
        // after an exception the handler has already set 500, which stays.
        var current = Response.StatusCode;
        status = status is >= 400 and <= 599 ? status : current >= 400 ? current : StatusCodes.Status404NotFound;
        (Title, Message) = status switch
        {
            404 => ("Page not found", "This address does not lead anywhere. If it came from a link, the link may be incomplete."),
            403 => ("Not allowed", "Your role in this organization does not allow this."),
            429 => ("Too many requests", "Please wait a minute and try again."),
            400 => ("That request could not be used", "The form may have expired. Go back, reload the page and try again."),
            _ => (Title, Message),
        };
        if (status == StatusCodes.Status404NotFound && HttpContext.Items[NotFoundHint] is string hint)
        {
            (Title, Message) = ("Not here any more", hint);
            HintLink = HttpContext.Items[NotFoundHintLink] as string;
        }

        Response.StatusCode = status.Value;
    }
}
