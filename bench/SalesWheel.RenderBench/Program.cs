using Microsoft.AspNetCore.Http.HttpResults;
using SalesWheel.RenderBench.Components;

// Two endpoints with the same HTML: /page (Razor Pages, as the app is built) and /component (a Razor component
// rendered on the server, static SSR). Antiforgery, routing and the rest of the pipeline are the same for both.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddRazorPages();
builder.Services.AddRazorComponents();
builder.Services.AddAntiforgery();

var app = builder.Build();
app.UseAntiforgery();
app.MapRazorPages();
app.MapGet("/component", () => new RazorComponentResult<QuestionsPage>());
app.Run();
