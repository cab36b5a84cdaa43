using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data;

// Migrations live in one assembly per provider (add each migration to both, same name; docs/architecture.md):
//   dotnet ef migrations add NAME --project src/SalesWheel.Data.Sqlite --startup-project src/SalesWheel.Data.Sqlite
//   dotnet ef migrations add NAME --project src/SalesWheel.Data.Postgres --startup-project src/SalesWheel.Data.Postgres
public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>The data-protection key ring (cookies, antiforgery), shared by every web node on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<MemberInvite> MemberInvites => Set<MemberInvite>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<OrganizationRole> OrganizationRoles => Set<OrganizationRole>();

    public DbSet<AttributeDefinition> AttributeDefinitions => Set<AttributeDefinition>();

    public DbSet<Assessment> Assessments => Set<Assessment>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<InvitationToken> InvitationTokens => Set<InvitationToken>();

    public DbSet<SurveyDraft> SurveyDrafts => Set<SurveyDraft>();

    public DbSet<SealedSubmission> SealedSubmissions => Set<SealedSubmission>();

    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();

    public DbSet<AssessmentResult> AssessmentResults => Set<AssessmentResult>();

    public DbSet<ComparisonResult> ComparisonResults => Set<ComparisonResult>();

    public DbSet<QuickCheck> QuickChecks => Set<QuickCheck>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<PendingSignUp> PendingSignUps => Set<PendingSignUp>();

    public DbSet<PasswordReset> PasswordResets => Set<PasswordReset>();

    public DbSet<PlannedAction> PlannedActions => Set<PlannedAction>();

    public DbSet<PendingUpload> PendingUploads => Set<PendingUpload>();

    public DbSet<LastImportMapping> LastImportMappings => Set<LastImportMapping>();

    public DbSet<ShownSecret> ShownSecrets => Set<ShownSecret>();

    public DbSet<LinksFile> LinksFiles => Set<LinksFile>();

    public DbSet<ImportedNorms> ImportedNorms => Set<ImportedNorms>();
    public DbSet<TeamMetric> TeamMetrics => Set<TeamMetric>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
