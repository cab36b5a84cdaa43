using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data.Configurations;

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> b)
    {
        b.HasIndex(a => a.OrganizationId);
        b.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.InvitationNote).HasMaxLength(1000);
        b.Property(a => a.SenderName).HasMaxLength(200);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.OpenLinkTokenHash).HasMaxLength(64);
        b.HasIndex(a => a.OpenLinkTokenHash).IsUnique();
    }
}
