using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesWheel.Core.Instruments;

namespace SalesWheel.Web.Features.Statements;

/// <summary>
/// The built-in instrument as a reference, for anyone (no sign-in): every statement with its id, driver, facet and
/// reverse key, the answer scale, which statements make the quick form, and the empty answers files to name the
/// columns of a survey run in another tool.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public const string Path = "/statements";

    public static Instrument Full => BuiltInInstrument.Full;

    /// <summary>The ids of the quick form's statements.</summary>
    public static IReadOnlySet<string> Quick { get; } = BuiltInInstrument.Quick.Items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);

    public void OnGet()
    {
    }

    /// <summary>The empty answers file: <c>form=quick</c> for the quick form, else the full instrument; <c>headers=text</c> for "ID - statement" headers.</summary>
    public IActionResult OnGetTemplate(string? form, string? headers) => TemplateFile(form, headers);

    /// <summary>The empty answers file as a download (the upload page serves the same one).</summary>
    public static FileContentResult TemplateFile(string? form, string? headers)
    {
        var quick = form == "quick";
        var naming = headers == "text" ? TemplateHeaders.IdsAndTexts : TemplateHeaders.Ids;
        var csv = AnswersTemplate.Csv(quick ? BuiltInInstrument.Quick : BuiltInInstrument.Full, naming);
        return new FileContentResult(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8")
        {
            FileDownloadName = AnswersTemplate.FileName(quick ? "quick" : "full", naming),
        };
    }

    /// <summary>A download link of <see cref="TemplateFile"/>.</summary>
    public static string TemplateLink(string form, bool withTexts) =>
        $"{Path}?handler=Template&form={form}{(withTexts ? "&headers=text" : "")}";
}
