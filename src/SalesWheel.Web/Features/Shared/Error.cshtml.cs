using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SalesWheel.Web.Features.Shared;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";

    public string Message { get; private set; } = "Nothing you entered was lost on our side; please try again in a moment.";

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        (Title, Message) = status switch
        {
            404 => ("Page not found", "This address does not lead anywhere. If it came from a link, the link may be incomplete."),
            403 => ("Not allowed", "Your role in this organization does not allow this."),
            429 => ("Too many requests", "Please wait a minute and try again."),
            400 => ("That request could not be used", "The form may have expired. Go back, reload the page and try again."),
            _ => (Title, Message),
        };
        if (status is { } code)
        {
            Response.StatusCode = code;
        }
    }
}
