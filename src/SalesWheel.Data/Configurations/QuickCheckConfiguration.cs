using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data.Configurations;

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
