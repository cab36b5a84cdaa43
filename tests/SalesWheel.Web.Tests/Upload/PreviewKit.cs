using System.Net;
using AngleSharp.Html.Dom;

namespace SalesWheel.Web.Tests.Upload;

/// <summary>The upload's preview page as a browser without JavaScript uses it: its form sent with what is selected, changed where a person would change it.</summary>
internal static class PreviewKit
{
    /// <summary>The preview's address an upload redirected to (the test fails with the page's text otherwise).</summary>
    public static async Task<string> PreviewOf(HttpResponseMessage uploaded)
    {
        var body = await uploaded.Content.ReadAsStringAsync();
        Assert.True(uploaded.StatusCode == HttpStatusCode.Redirect, $"upload: {(int)uploaded.StatusCode}\n{UploadKit.Text(body)[..Math.Min(3000, UploadKit.Text(body).Length)]}");
        var location = uploaded.Headers.Location!.ToString();
        Assert.Matches("^/assessments/upload/[0-9a-f-]{36}$", location);
        return location;
    }

    /// <summary>
    /// Sends the preview's form as a browser would (each select's selected option, checked boxes and radios, hidden
    /// fields), with <paramref name="change"/> applied to the fields first; <paramref name="handler"/> is the button
    /// pressed (Confirm: "Import N respondents"; Apply: "Show with these choices").
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitPreview(this HttpClient client, string previewUrl, Action<List<KeyValuePair<string, string>>>? change = null,
        string handler = "Confirm")
    {
        var document = Html.Parse(await client.GetPage(previewUrl));
        var form = (IHtmlFormElement)document.One("form:has([data-confirm-import])");
        var fields = Fields(form);
        change?.Invoke(fields);
        return await client.PostAsync($"{previewUrl}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    /// <summary>Replaces the value of every field called <paramref name="name"/> (or adds it).</summary>
    public static void Set(this List<KeyValuePair<string, string>> fields, string name, string value)
    {
        fields.RemoveAll(f => f.Key == name);
        fields.Add(new(name, value));
    }

    /// <summary>The field name of the select of the column whose header is <paramref name="header"/> on the page.</summary>
    public static string ColumnField(IHtmlDocument preview, string header)
    {
        var row = preview.Table("Columns").Rows().Single(r => r["Header"].Text().StartsWith(header, StringComparison.Ordinal));
        return row["Becomes"].QuerySelector("select")!.GetAttribute("name")!;
    }

    /// <summary>The field name of the select of the answer <paramref name="text"/> on the page.</summary>
    public static string ValueField(IHtmlDocument preview, string text)
    {
        var row = preview.Table("Answers found").Rows().Single(r => r["Answer"].Text() == text);
        return row["Read as"].QuerySelector("select")!.GetAttribute("name")!;
    }

    private static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        fields.Add(new(input.Name!, input.Value));
                    }

                    break;
                case IHtmlInputElement input when input.Type != "submit" && !string.IsNullOrEmpty(input.Name):
                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlSelectElement select:
                    var chosen = select.Options.FirstOrDefault(o => o.IsSelected) ?? select.Options[0];
                    fields.Add(new(select.Name!, chosen.Value));
                    break;
            }
        }

        return fields;
    }
}
