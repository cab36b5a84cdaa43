using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data.Configurations;

internal sealed class OrganizationRoleConfiguration : IEntityTypeConfiguration<OrganizationRole>
{
    public void Configure(EntityTypeBuilder<OrganizationRole> b)
    {
        b.HasIndex(r => new { r.OrganizationId, r.Name }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(r => r.Name).HasMaxLength(50);
        b.Property(r => r.Family).HasConversion<string>().HasMaxLength(20);
    }
}
