using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using SalesWheel.Web.Tests.Api;
using SalesWheel.Web.Tests.Assessments;

namespace SalesWheel.Web.Tests.Upload;

/// <summary>
/// Damaged files through the web upload and the API (issue 12, deliverable 10): random bytes, every shared export cut
/// short, ZIP and workbook signatures over garbage. Each is refused with a message or shown on a preview; none fails
/// with a server error, and no assessment or answer is stored without a confirmation.
/// </summary>
public sealed class DamagedFileTests(AppFactory app) : IClassFixture<AppFactory>
{
    private (int Assessments, int Responses) Stored() =>
        app.Service(db => (db.Assessments.Count(), db.SurveyResponses.Count()));

    /// <summary>Random bytes (seeded, so a failure repeats), the shared exports cut at several points, and broken containers.</summary>
    private static IEnumerable<(string Name, byte[] Bytes)> DamagedFiles()
    {
        var random = new Random(2026);
        for (var i = 0; i < 6; i++)
        {
            var bytes = new byte[random.Next(1, 4096)];
            random.NextBytes(bytes);
            yield return ($"random-{i}", bytes);
        }

        foreach (var name in new[] { "01_google_forms_grid_labels", "06_surveymonkey_condensed_text", "08_qualtrics_choice_text", "11_limesurvey_codes" })
        {
            var export = ImportCasesKit.Export(name);
            foreach (var share in new[] { 0.001, 0.05, 0.5, 0.93 })
            {
                yield return ($"{name} cut at {share:P1}", export[..Math.Max(1, (int)(export.Length * share))]);
            }
        }

        yield return ("zip signature over garbage", [(byte)'P', (byte)'K', 3, 4, .. Enumerable.Repeat((byte)0x41, 300)]);
        yield return ("a ZIP cut short", ZipOf(ImportCasesKit.Export("11_limesurvey_codes"))[..200]);
        yield return ("a ZIP holding an empty CSV", ZipOf([]));
        yield return ("UTF-16 mark alone", [0xFF, 0xFE]);
    }

    private static byte[] ZipOf(byte[] csv)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("answers.csv").Open();
            entry.Write(csv);
        }

        return buffer.ToArray();
    }

    [Fact]
    public async Task DamagedFilesAreRefusedOrPreviewedNeverAServerErrorAndNothingIsStoredWithoutAConfirmation()
    {
        var (client, _) = await app.NewOrganization("Damaged files");
        var api = app.Api(await client.MakeToken("damaged"));
        var before = Stored();
        var refused = 0;

        foreach (var (name, bytes) in DamagedFiles())
        {
            var page = await client.UploadAnswers("Damaged", "full", bytes, answersFileName: "answers.csv");
            Assert.True(page.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{name}: the page answered {(int)page.StatusCode}");
            if (page.StatusCode == HttpStatusCode.OK)
            {
                // Refused: the page names what is wrong and says nothing was stored.
                var text = Html.Parse(await page.Content.ReadAsStringAsync()).Body!.Text();
                Assert.True(text.Contains("Nothing was stored.", StringComparison.Ordinal), $"{name}: refused without saying so");
                refused++;
            }
            else
            {
                // Read: its preview shows, and still nothing is stored until "Import".
                var preview = await client.GetAsync(page.Headers.Location);
                Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/assessments/upload?name=Damaged&dryRun=true") { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            var dryRun = await api.SendAsync(request);
            Assert.True(dryRun.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{name}: the API answered {(int)dryRun.StatusCode}");
            Assert.Equal(before, Stored());
        }

        Assert.True(refused >= 6, $"only {refused} damaged files were refused"); // at least the random ones
    }
}
