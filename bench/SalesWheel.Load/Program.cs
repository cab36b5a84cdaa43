using SalesWheel.Load;

// A load script for the web app, in three parts (bench/load.sh runs them in order):
//   seed DATA_FOLDER SURVEYS RESPONSES   → an organization with an open assessment of SURVEYS invitations (plain links
//                                          written to DATA_FOLDER/load-tokens.txt), and a closed one with RESPONSES answers
//   run URL CONCURRENCY SECONDS DATA_FOLDER [WARM_UP_SECONDS] → virtual respondents take whole surveys (after a warm-up
//                                          of the same load, default 30 s, not measured); static-file ceiling; results page latency
//   soak URL RATE SECONDS DATA_FOLDER   → a survey started every 1/RATE s (open loop, below saturation) for SECONDS
//   ceiling URL CONCURRENCY SECONDS     → a static file's URL fetched as fast as it comes (a proxy's own ceiling)
//   waves DATA_FOLDER RESPONSES          → an organization with two closed waves of RESPONSES answers each (ids, before then
//                                          after, in DATA_FOLDER/load-assessments.txt): the results page's comparison
//   acknowledged URL CONCURRENCY SECONDS DATA_FOLDER FILE → surveys taken until time is up or the server is gone, each
//                                          acknowledged link written to FILE (tools/sigkill-check.sh)
//   not-submitted DATA_FOLDER FILE       → how many links of FILE are not marked submitted in the database
//   count DATA_FOLDER                    → answers stored for the open assessment (responses and sealed submissions)
// Every command that opens the database takes --provider postgres --connection STRING (default: SQLite in DATA_FOLDER).
args = Store.TakeOptions(args);
return args switch
{
    ["seed", var data, var surveys, var responses] => await Seed.RunAsync(data, int.Parse(surveys), int.Parse(responses)),
    ["run", var url, var concurrency, var seconds, var data] => await Runner.RunAsync(url, int.Parse(concurrency), Seconds(seconds), 30, data),
    ["run", var url, var concurrency, var seconds, var data, var warmUp] => await Runner.RunAsync(url, int.Parse(concurrency), Seconds(seconds), Seconds(warmUp), data),
    ["soak", var url, var rate, var seconds, var data] => await Soak.RunAsync(url, Seconds(rate), Seconds(seconds), data),
    ["ceiling", var url, var concurrency, var seconds] => await Runner.CeilingAsync(url, int.Parse(concurrency), Seconds(seconds)),
    ["waves", var data, var responses] => await Seed.WavesAsync(data, int.Parse(responses)),
    ["acknowledged", var url, var concurrency, var seconds, var data, var output] => await Acknowledged.RunAsync(url, int.Parse(concurrency), Seconds(seconds), data, output),
    ["not-submitted", var data, var file] => await Acknowledged.NotSubmittedAsync(data, file),
    ["count", var data] => await Seed.CountAsync(data),
    _ => Usage(),
};

static double Seconds(string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("usage: SalesWheel.Load seed DATA SURVEYS RESPONSES | soak URL RATE SECONDS DATA | ceiling URL CONCURRENCY SECONDS | waves DATA RESPONSES | run URL CONCURRENCY SECONDS DATA [WARM_UP_SECONDS] | acknowledged URL CONCURRENCY SECONDS DATA FILE | not-submitted DATA FILE | count DATA   [--provider sqlite|postgres --connection STRING]");
    return 2;
}
