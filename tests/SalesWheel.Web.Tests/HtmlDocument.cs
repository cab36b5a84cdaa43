using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SalesWheel.Web.Tests;

/// <summary>
/// Pages read as a browser reads them (AngleSharp's DOM), so a test finds a fact by where it sits on the page —
/// a table's column, a list's items, a section under a heading — and not by the exact markup around it.
/// </summary>
public static partial class Html
{
    private static readonly HtmlParser Parser = new();

    /// <summary>The page as a document.</summary>
    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>
    /// What a reader sees of the node: its text, with a space between elements (so "East&lt;br /&gt;n=5" reads "East n=5")
    /// and runs of white space as one space, trimmed.
    /// </summary>
    public static string Text(this INode node) => string.Join(' ', node.GetDescendantsAndSelf().OfType<IText>()
        .SelectMany(t => t.Data.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));

    /// <summary>The one element the selector matches (the test fails when there is none or more than one).</summary>
    public static IElement One(this IParentNode node, string selector)
    {
        var found = node.QuerySelectorAll(selector);
        Assert.True(found.Length == 1, $"{found.Length} elements match \"{selector}\", expected 1");
        return found[0];
    }

    /// <summary>The text of every element the selector matches, in document order.</summary>
    public static List<string> Texts(this IParentNode node, string selector) => [.. node.QuerySelectorAll(selector).Select(e => e.Text())];

    /// <summary>The table whose caption reads <paramref name="caption"/>.</summary>
    public static IHtmlTableElement Table(this IParentNode node, string caption)
    {
        var tables = node.QuerySelectorAll("table").OfType<IHtmlTableElement>().Where(t => t.Caption?.Text() == caption).ToList();
        Assert.True(tables.Count == 1, $"{tables.Count} tables with the caption \"{caption}\", expected 1");
        return tables[0];
    }

    /// <summary>
    /// The body rows of a table as column header text → cell. A row's own header cell (<c>th scope="row"</c>) is under
    /// its column's header like any other cell.
    /// </summary>
    public static List<Dictionary<string, IHtmlTableCellElement>> Rows(this IHtmlTableElement table)
    {
        var headers = (table.Head is { Rows.Length: > 0 } head ? head.Rows[^1] : null)?.Cells.Select(c => c.Text()).ToList();
        Assert.True(headers is not null, "the table has no header row");
        return [.. table.Bodies.SelectMany(b => b.Rows).Select(row =>
            row.Cells.Select((cell, i) => (Header: headers[i], Cell: cell)).ToDictionary(c => c.Header, c => c.Cell))];
    }

    /// <summary>Row header → the cell beside it, for two-column tables of <c>th scope="row"</c> labels (participation, counts).</summary>
    public static Dictionary<string, string> Pairs(this IHtmlTableElement table) =>
        table.Bodies.SelectMany(b => b.Rows).ToDictionary(r => r.Cells[0].Text(), r => r.Cells[1].Text());

    /// <summary>
    /// The elements that follow the heading that reads <paramref name="heading"/>, up to the next heading of the same or a
    /// higher level: the section a reader sees under it.
    /// </summary>
    public static List<IElement> Section(this IDocument document, string heading)
    {
        var found = document.QuerySelectorAll("h1, h2, h3, h4").Where(h => h.Text() == heading).ToList();
        Assert.True(found.Count == 1, $"{found.Count} headings read \"{heading}\", expected 1");
        var level = Level(found[0]);
        var section = new List<IElement>();
        var ends = string.Join(", ", Enumerable.Range(1, level).Select(l => $"h{l}"));
        for (var next = found[0].NextElementSibling; next is not null && !next.Matches(ends) && next.QuerySelector(ends) is null; next = next.NextElementSibling)
        {
            section.Add(next);
        }

        return section;

        static int Level(IElement heading) => heading.LocalName[1] - '0';
    }
}
