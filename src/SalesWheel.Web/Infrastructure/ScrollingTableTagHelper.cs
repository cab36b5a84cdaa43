using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace SalesWheel.Web.Infrastructure;

/// <summary>
/// Every <c>&lt;div class="table-wrap"&gt;</c> (a table that scrolls sideways on a small screen) can be reached with the
/// keyboard and is named after its table's caption, so a keyboard user can scroll it (axe: scrollable-region-focusable)
/// without any script. Its visible cue (the edge shadows) is in site.css.
/// </summary>
[HtmlTargetElement("div", Attributes = "[class=table-wrap]")]
public sealed partial class ScrollingTableTagHelper : TagHelper
{
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var content = await output.GetChildContentAsync();
        var caption = Caption().Match(content.GetContent());
        var name = caption.Success ? WebUtility.HtmlDecode(Tags().Replace(caption.Groups[1].Value, "")).Trim() : "";
        output.Attributes.SetAttribute("tabindex", "0");
        output.Attributes.SetAttribute("role", "region");
        output.Attributes.SetAttribute("aria-label", name.Length > 0 ? name : "Table");
    }

    [GeneratedRegex("<caption[^>]*>(.*?)</caption>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
