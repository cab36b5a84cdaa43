using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data.Configurations;

internal sealed class LastImportMappingConfiguration : IEntityTypeConfiguration<LastImportMapping>
{
    public void Configure(EntityTypeBuilder<LastImportMapping> b)
    {
        b.HasKey(m => m.OrganizationId);
        b.HasOne<Organization>().WithOne().HasForeignKey<LastImportMapping>(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
