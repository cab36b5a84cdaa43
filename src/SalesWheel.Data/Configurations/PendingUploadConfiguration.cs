using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data.Configurations;

internal sealed class PendingUploadConfiguration : IEntityTypeConfiguration<PendingUpload>
{
    public void Configure(EntityTypeBuilder<PendingUpload> b)
    {
        b.HasIndex(u => u.OrganizationId);
        b.HasIndex(u => u.ExpiresAt);
        b.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(u => u.FileName).HasMaxLength(260);
        b.Property(u => u.Name).HasMaxLength(200);
        b.Property(u => u.Instrument).HasMaxLength(10);
    }
}
