using System.ComponentModel;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace SalesWheel.Web.Features.Api;

/// <summary>One page of a list, with the total over all pages.</summary>
public sealed record ListPage<T>(
    [property: Description("The items of this page, in a stable order.")] IReadOnlyList<T> Items,
    [property: Description("This page's number, from 1.")] int Page,
    [property: Description("Items per page (at most 200).")] int PageSize,
    [property: Description("Items over all pages.")] int Total);

/// <summary>page/pageSize on lists: checked, applied to an ordered query, with Link headers (first, prev, next, last).</summary>
public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaximumPageSize = 200;

    /// <summary>The page and size asked for, or a validation problem naming the bad one.</summary>
    public static (int Page, int Size, ValidationProblem? Problem) Check(int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1)
        {
            errors["page"] = ["Pages are numbered from 1."];
        }

        if (pageSize is < 1 or > MaximumPageSize)
        {
            errors["pageSize"] = [$"Ask for 1 to {MaximumPageSize} items per page."];
        }

        return (page ?? 1, pageSize ?? DefaultPageSize, errors.Count == 0 ? null : ApiProblems.Invalid(errors));
    }

    public static async Task<ListPage<TOut>> ToPageAsync<TIn, TOut>(
        this IQueryable<TIn> ordered, int page, int size, Func<TIn, TOut> map, HttpContext http, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);

        // In long: (page - 1) * size overflows an int for pages past about 10.7 million, and a page past the end is empty.
        var offset = (page - 1L) * size;
        var rows = offset < total ? await ordered.Skip((int)offset).Take(size).ToListAsync(cancellationToken) : [];
        var last = Math.Max(1, (total + size - 1) / size);
        var links = new List<string> { Link(http, 1, size, "first") };
        if (page > 1)
        {
            links.Add(Link(http, Math.Min(page - 1, last), size, "prev"));
        }

        if (page < last)
        {
            links.Add(Link(http, page + 1, size, "next"));
        }

        links.Add(Link(http, last, size, "last"));
        http.Response.Headers.Link = string.Join(", ", links);
        return new ListPage<TOut>(rows.Select(map).ToList(), page, size, total);
    }

    private static string Link(HttpContext http, int page, int size, string rel)
    {
        var query = new QueryBuilder(http.Request.Query
            .Where(q => q.Key is not ("page" or "pageSize"))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))))
        {
            { "page", page.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            { "pageSize", size.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        // From the configured base URL, never the request's Host header (a forged one would be echoed back).
        var links = http.RequestServices.GetRequiredService<Infrastructure.LinkBuilder>();
        return $"<{links.Absolute(http.Request.Path.ToUriComponent() + query.ToQueryString().ToUriComponent())}>; rel=\"{rel}\"";
    }
}
