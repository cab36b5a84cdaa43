using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using SalesWheel.Core.Instruments;

namespace SalesWheel.Web.Tests.Upload;

/// <summary>Answers files, instrument files and the upload form, as a person would fill it in.</summary>
internal static partial class UploadKit
{
    public const string Page = "/assessments/upload";

    /// <summary>A custom instrument: a 0..6 scale (7 points, minimum not 1), facets, reverse-keyed items and an outcome; not the eight drivers.</summary>
    public const string SevenPointInstrument = """
        { "id": "field-survey", "name": "Field survey", "version": "3",
          "scale": { "min": 0, "max": 6 },
          "dimensions": [
            { "id": "pipeline", "name": "Pipeline", "facets": [
                { "id": "prospecting", "name": "Prospecting", "items": [
                    { "id": "P1", "text": "We reach the right buyers.", "reverse": false },
                    { "id": "P2", "text": "Cold outreach is mostly wasted.", "reverse": true } ] },
                { "id": "qualification", "name": "Qualification", "items": [
                    { "id": "Q1", "text": "We drop bad deals early.", "reverse": false },
                    { "id": "Q2", "text": "Deals we lose were never real.", "reverse": false } ] } ] },
            { "id": "coaching", "name": "Coaching", "items": [
                { "id": "C1", "text": "My manager reviews my calls.", "reverse": false },
                { "id": "C2", "text": "I get feedback I can use.", "reverse": false },
                { "id": "C3", "text": "Coaching sessions are cancelled.", "reverse": true } ] },
            { "id": "culture", "name": "Culture", "items": [
                { "id": "K1", "text": "We celebrate wins together.", "reverse": false },
                { "id": "K2", "text": "Blame travels fast here.", "reverse": true } ] },
            { "id": "stay", "name": "Intent to stay", "kind": "outcome", "items": [
                { "id": "S1", "text": "I see myself here next year.", "reverse": false } ] } ] }
        """;

    /// <summary>
    /// A file of answers as a form tool exports it: a timestamp column (ignored), attribute columns, one column per
    /// item; answers drawn around a per-person tendency, with blanks and NA sprinkled in.
    /// </summary>
    public static string AnswersCsv(Instrument instrument, int seed, int rows, IReadOnlyList<(string Column, string[] Values)> attributes)
    {
        var random = new Random(seed);
        var scale = instrument.Scale;
        var items = instrument.Items.ToList();
        var text = new StringBuilder("Timestamp");
        foreach (var (column, _) in attributes)
        {
            text.Append(',').Append(column);
        }

        text.Append(',').AppendJoin(',', items.Select(i => i.Id)).Append('\n');
        for (var r = 0; r < rows; r++)
        {
            text.Append(CultureInfo.InvariantCulture, $"2026-09-{1 + (r % 28):00} 10:{r % 60:00}");
            foreach (var (_, values) in attributes)
            {
                text.Append(',').Append(values[random.Next(values.Length)]);
            }

            var tendency = scale.Min + random.NextDouble() * (scale.Max - scale.Min);
            foreach (var item in items)
            {
                var roll = random.Next(100);
                var value = (int)Math.Round(Math.Clamp(tendency + (random.NextDouble() * 3) - 1.5, scale.Min, scale.Max));
                if (item.Reverse)
                {
                    value = scale.Min + scale.Max - value;
                }

                text.Append(',').Append(roll switch
                {
                    < 6 => "",
                    < 9 => "NA",
                    _ => value.ToString(CultureInfo.InvariantCulture),
                });
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Fills in the upload form and sends it (with the page's antiforgery token).</summary>
    public static async Task<HttpResponseMessage> UploadAnswers(
        this HttpClient client,
        string name,
        string instrument,
        string? answers,
        string? instrumentFile = null,
        string? roleColumn = null,
        string? teamColumn = null,
        string answersFileName = "answers.csv",
        string? antiforgery = null) =>
        await client.UploadAnswers(name, instrument, answers is null ? null : Encoding.UTF8.GetBytes(answers), instrumentFile, roleColumn, teamColumn, answersFileName, antiforgery);

    public static async Task<HttpResponseMessage> UploadAnswers(
        this HttpClient client,
        string name,
        string instrument,
        byte[]? answers,
        string? instrumentFile = null,
        string? roleColumn = null,
        string? teamColumn = null,
        string answersFileName = "answers.csv",
        string? antiforgery = null)
    {
        antiforgery ??= Html.Antiforgery(await client.GetPage(Page));
        var content = new MultipartFormDataContent
        {
            { new StringContent(antiforgery), "__RequestVerificationToken" },
            { new StringContent(name), "Form.Name" },
            { new StringContent(instrument), "Form.Instrument" },
            { new StringContent(roleColumn ?? ""), "Form.RoleColumn" },
            { new StringContent(teamColumn ?? ""), "Form.TeamColumn" },
        };
        if (answers is not null)
        {
            var file = new ByteArrayContent(answers);
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            content.Add(file, "AnswersFile", answersFileName);
        }

        if (instrumentFile is not null)
        {
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(instrumentFile));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            content.Add(file, "CustomInstrument", "instrument.json");
        }

        return await client.PostAsync(Page, content);
    }

    /// <summary>Uploads, confirms the preview as shown and expects the redirect to the new assessment; returns its id.</summary>
    public static async Task<Guid> UploadAndCreate(this HttpClient client, string name, string instrument, string answers, string? instrumentFile = null,
        string? roleColumn = null, string? teamColumn = null) =>
        await client.ConfirmUpload(await client.UploadAnswers(name, instrument, answers, instrumentFile, roleColumn, teamColumn));

    /// <summary>Follows an upload's redirect to its preview, confirms it as shown and expects the redirect to the assessment; returns its id.</summary>
    public static async Task<Guid> ConfirmUpload(this HttpClient client, HttpResponseMessage uploaded) =>
        await client.ConfirmPreview(await PreviewKit.PreviewOf(uploaded));

    /// <summary>Confirms a preview as shown ("Import N respondents") and expects the redirect to the assessment; returns its id.</summary>
    public static async Task<Guid> ConfirmPreview(this HttpClient client, string preview)
    {
        var confirmed = await client.SubmitPreview(preview);
        var body = await confirmed.Content.ReadAsStringAsync();
        Assert.True(confirmed.StatusCode == HttpStatusCode.Redirect, $"confirm: {(int)confirmed.StatusCode}\n{Text(body)[..Math.Min(3000, Text(body).Length)]}");
        var location = confirmed.Headers.Location!.ToString();
        Assert.Matches("^/assessments/[0-9a-f-]{36}$", location);
        return Guid.Parse(location["/assessments/".Length..]);
    }

    /// <summary>What a person reads: tags removed, entities decoded, whitespace collapsed.</summary>
    public static string Text(string html) => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    /// <summary>The HTML from the first occurrence of <paramref name="start"/> to the next <paramref name="end"/>.</summary>
    public static string Section(string html, string start, string end, int from = 0)
    {
        var at = html.IndexOf(start, from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no \"{start}\" on the page");
        var stop = html.IndexOf(end, at + start.Length, StringComparison.Ordinal);
        return html[at..(stop < 0 ? html.Length : stop + end.Length)];
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
