using Microsoft.AspNetCore.Identity;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Api;
using SalesWheel.Web.Features.Results;
using SalesWheel.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(DatabaseStartup.WithMigrateSwitch(args));
var settings = builder.Configuration.GetSection("SalesWheel").Get<SalesWheelOptions>() ?? new SalesWheelOptions();
builder.Services.Configure<SalesWheelOptions>(builder.Configuration.GetSection("SalesWheel"));
builder.Services.AddReverseProxy(builder.Configuration, builder.Environment);
builder.Logging.KeepLinkTokensOutOfLogs();
var dataFolderNarrowed = DataFolder.Secure(settings.DataFolder);

// Database:Provider (sqlite, the default, or postgres) and ConnectionStrings:SalesWheel.
var database = DatabaseChoice.From(builder.Configuration, settings.DataFolder);
// Pooled: a request reuses a context (and its internal services) instead of building one; the context has no state
// of its own beyond what EF resets.
builder.Services.AddDbContextPool<AppDbContext>(options => options.UseSalesWheelDatabase(database));
builder.Services.AddSingleton<IDatabaseMigrator, ProviderMigrator>();

builder.Services
    .AddIdentity<AppUser, IdentityRole>(options =>
    {
        // Length over composition (NIST SP 800-63B): at least 8, up to 128, no character-class rules, common passwords refused.
        options.Password.RequiredLength = 8;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 1;
        // No fixed lockout (anyone could lock an owner out with five wrong passwords): SignInThrottle slows guessing instead.
        options.Lockout.AllowedForNewUsers = false;
        options.User.RequireUniqueEmail = true;
    })
    .AddEntityFrameworkStores<AppDbContext>()
    .AddDefaultTokenProviders()
    .AddPasswordValidator<CommonPasswordValidator>();
builder.Services.AddSingleton(new SignInThrottle(TimeProvider.System));
builder.Services.AddSharedKeyRing();

builder.Services.ConfigureApplicationCookie(options =>
{
    options.Cookie.Name = "saleswheel.auth";
    options.Cookie.HttpOnly = true;
    options.Cookie.SameSite = SameSiteMode.Lax;
    options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    options.ExpireTimeSpan = SessionLifetime.IdleTimeout;
    options.SlidingExpiration = true;
    options.LoginPath = "/signin";
    options.LogoutPath = "/signout";
    options.AccessDeniedPath = "/denied";
    options.Events.OnValidatePrincipal = SessionLifetime.RejectWhenTooOld;
});
// One-off notices ("your password was changed") travel in a cookie: Secure over HTTPS like every other cookie.
builder.Services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(options =>
{
    options.Cookie.Name = "saleswheel.notice";
    options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
});
builder.Services.AddAntiforgery(options =>
{
    options.Cookie.Name = "saleswheel.af";
    options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    options.Cookie.SameSite = SameSiteMode.Strict;
});

builder.Services.AddRazorPages(options =>
{
    options.RootDirectory = "/Features";
    options.Conventions.AuthorizeFolder("/Settings");
    options.Conventions.AuthorizeFolder("/Members");
    options.Conventions.AuthorizeFolder("/People");
    options.Conventions.AuthorizeFolder("/Assessments");
    options.Conventions.AuthorizeFolder("/Results");
    options.Conventions.AuthorizeFolder("/ApiTokens");
});
builder.Services.AddPlainTextInput();
builder.Services.AddProblemDetails();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<AssessmentScoring>();
builder.Services.AddScoped<AssessmentWaves>();
builder.Services.AddScoped<PeerPool>();
builder.Services.AddScoped<SalesWheel.Web.Features.Benchmarks.PeerPoolMembership>();
builder.Services.AddScoped<AssessmentComparison>();
builder.Services.AddScoped<WaveCharts>();
builder.Services.AddScoped<ComparedWaves>();
builder.Services.AddSingleton<ExportCache>();
builder.Services.AddSingleton<FirstComments>();
builder.Services.AddScoped<CurrentMember>();
builder.Services.AddScoped<AuditLog>();
builder.Services.AddSingleton<IMailer>(services => settings.Smtp.Host.Length > 0
    ? ActivatorUtilities.CreateInstance<SmtpMailer>(services)
    : ActivatorUtilities.CreateInstance<OutboxMailer>(services));
if (settings.Smtp.Host.Length > 0)
{
    builder.Services.AddHostedService<SmtpStartupCheck>();
}

builder.Services.AddScoped<LinkBuilder>();
// Secrets a POST made (links, tokens), readable for a few minutes by a GET after the redirect (Post/Redirect/Get).
builder.Services.AddScoped(services => new ShownOnce(services.GetRequiredService<AppDbContext>(), services.GetRequiredService<SubmissionSeal>(), services.GetService<TimeProvider>() ?? TimeProvider.System));
// Submissions stay sealed until their assessment closes, with a key kept outside the database (see docs/security.md).
builder.Services.AddSingleton(_ => SubmissionSeal.FromConfiguredKeyOrFile(settings.SubmissionKey, Path.Combine(settings.DataFolder, "keys", "submission.key")));
builder.Services.AddScoped<SalesWheel.Web.Features.Assessments.AssessmentActions>();
// The use cases the pages and the API share, each in its feature: it checks, writes and audits one action.
builder.Services.AddScoped<SalesWheel.Web.Features.People.PersonActions>();
builder.Services.AddScoped<SalesWheel.Web.Features.Plan.ActionPlan>();
builder.Services.AddScoped<SalesWheel.Web.Features.People.PeopleImport>();
builder.Services.AddScoped<SalesWheel.Web.Features.People.RoleSettings>();
builder.Services.AddScoped<SalesWheel.Web.Features.People.AttributeSettings>();
builder.Services.AddScoped<SalesWheel.Web.Features.Assessments.NewAssessment>();
builder.Services.AddScoped<SalesWheel.Web.Features.Assessments.AssessmentRename>();
builder.Services.AddScoped<SalesWheel.Web.Features.Assessments.DraftEdit>();
builder.Services.AddScoped<SalesWheel.Web.Features.Assessments.AssessmentRemoval>();
builder.Services.AddSingleton<SalesWheel.Web.Features.QuickCheck.ResultEmailAllowance>();
builder.Services.AddScoped<SalesWheel.Web.Features.Assessments.InvitationSettings>();
builder.Services.AddScoped<SalesWheel.Web.Features.Assessments.FollowUp>();
builder.Services.AddScoped<SalesWheel.Web.Features.Assessments.AnswersUpload>();
builder.Services.AddScoped<SalesWheel.Web.Features.Settings.OrganizationSettings>();
builder.Services.AddScoped<SalesWheel.Web.Features.TeamMetrics.TeamMetricActions>();
builder.Services.AddHostedService<SalesWheel.Web.Features.Assessments.AssessmentDeadlines>();
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));
builder.Services.AddRateLimiter(options => RateLimits.Configure(options, builder.Configuration));
builder.Services.AddSalesWheelApi();

var app = builder.Build();
if (dataFolderNarrowed is not null)
{
    app.Logger.LogWarning("{DataFolder}", dataFolderNarrowed);
}

app.UseReverseProxy(builder.Configuration);

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
    app.UseHsts();
}

app.UseMiddleware<RequestLogging>();
app.UseMiddleware<SecurityHeaders>();
app.UseStatusCodePagesWithReExecute("/error", "?status={0}");
app.UseSalesWheelApi();
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthChecks("/healthz");
app.MapRazorPages();
app.MapSalesWheelApi();
app.MapReportFiles();

await app.PrepareDatabaseAsync();

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var address in app.Urls)
    {
        app.Logger.LogInformation("SalesWheel is running at {Address}", address);
    }
});

await app.RunAsync();

/// <summary>The web app's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
