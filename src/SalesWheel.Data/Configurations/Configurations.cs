using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data.Configurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(o => o.Name).HasMaxLength(200);
        b.Property(o => o.Phase).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Acv).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.HasIndex(m => m.UserId).IsUnique(); // one organization per user
        b.HasIndex(m => m.OrganizationId);
        b.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        b.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class MemberInviteConfiguration : IEntityTypeConfiguration<MemberInvite>
{
    public void Configure(EntityTypeBuilder<MemberInvite> b)
    {
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(i => i.Email).HasMaxLength(320);
        b.Property(i => i.TokenHash).HasMaxLength(64);
        b.Property(i => i.Role).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.HasIndex(p => new { p.OrganizationId, p.Email }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Email).HasMaxLength(320);
        b.Property(p => p.Team).HasMaxLength(100);
        b.Property(p => p.Role).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> b)
    {
        b.HasIndex(a => a.OrganizationId);
        b.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.OpenLinkTokenHash).HasMaxLength(64);
        b.HasIndex(a => a.OpenLinkTokenHash).IsUnique();
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasIndex(i => i.AssessmentId);
        b.HasOne<Assessment>().WithMany().HasForeignKey(i => i.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.SetNull);
        b.Property(i => i.TokenHash).HasMaxLength(64);
        b.Property(i => i.State).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.State).IsConcurrencyToken();
        b.Property(i => i.Name).HasMaxLength(200);
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Email).HasMaxLength(320);
    }
}

internal sealed class SurveyDraftConfiguration : IEntityTypeConfiguration<SurveyDraft>
{
    public void Configure(EntityTypeBuilder<SurveyDraft> b)
    {
        b.HasKey(d => new { d.InvitationId, d.BrowserId });
        b.Property(d => d.BrowserId).HasMaxLength(64);
        b.HasOne<Invitation>().WithMany().HasForeignKey(d => d.InvitationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvitationTokenConfiguration : IEntityTypeConfiguration<InvitationToken>
{
    public void Configure(EntityTypeBuilder<InvitationToken> b)
    {
        b.HasKey(t => t.TokenHash);
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.HasIndex(t => t.InvitationId);
        b.HasOne<Invitation>().WithMany().HasForeignKey(t => t.InvitationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SealedSubmissionConfiguration : IEntityTypeConfiguration<SealedSubmission>
{
    public void Configure(EntityTypeBuilder<SealedSubmission> b)
    {
        b.HasIndex(s => s.AssessmentId);
        b.HasOne<Assessment>().WithMany().HasForeignKey(s => s.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        b.Property(s => s.Id).ValueGeneratedNever();
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> b)
    {
        b.HasIndex(r => r.AssessmentId);
        b.HasOne<Assessment>().WithMany().HasForeignKey(r => r.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        b.Property(r => r.Id).ValueGeneratedNever();
    }
}

internal sealed class AssessmentResultConfiguration : IEntityTypeConfiguration<AssessmentResult>
{
    public void Configure(EntityTypeBuilder<AssessmentResult> b)
    {
        b.HasKey(r => r.AssessmentId);
        b.HasOne<Assessment>().WithOne().HasForeignKey<AssessmentResult>(r => r.AssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QuickCheckConfiguration : IEntityTypeConfiguration<QuickCheck>
{
    public void Configure(EntityTypeBuilder<QuickCheck> b)
    {
        b.HasIndex(q => q.TokenHash).IsUnique();
        b.HasIndex(q => q.OrganizationId);
        b.Property(q => q.TokenHash).HasMaxLength(64);
        b.Property(q => q.Phase).HasConversion<string>().HasMaxLength(20);
        b.Property(q => q.Acv).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Organization>().WithMany().HasForeignKey(q => q.OrganizationId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasIndex(a => new { a.OrganizationId, a.At });
        b.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(a => a.Action).HasMaxLength(100);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => t.OrganizationId);
        b.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(t => t.CreatedByUserId).OnDelete(DeleteBehavior.Cascade);
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.Property(t => t.Role).HasConversion<string>().HasMaxLength(20);
    }
}
