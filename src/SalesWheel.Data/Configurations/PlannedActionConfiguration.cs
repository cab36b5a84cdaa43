using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data.Configurations;

internal sealed class PlannedActionConfiguration : IEntityTypeConfiguration<PlannedAction>
{
    public void Configure(EntityTypeBuilder<PlannedAction> b)
    {
        b.HasIndex(a => new { a.OrganizationId, a.Driver });
        b.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        // The plan outlives the assessment it came from.
        b.HasOne<Assessment>().WithMany().HasForeignKey(a => a.AssessmentId).OnDelete(DeleteBehavior.SetNull);
        b.Property(a => a.Title).HasMaxLength(200);
        b.Property(a => a.Driver).HasMaxLength(50);
        b.Property(a => a.Facet).HasMaxLength(50);
        b.Property(a => a.PlaybookActionId).HasMaxLength(120);
        b.Property(a => a.OwnerUserId).HasMaxLength(450);
        b.Property(a => a.OwnerName).HasMaxLength(200);
        b.Property(a => a.Notes).HasMaxLength(4000);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
    }
}
