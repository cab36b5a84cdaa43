using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data.Configurations;

internal sealed class ImportedNormsConfiguration : IEntityTypeConfiguration<ImportedNorms>
{
    public void Configure(EntityTypeBuilder<ImportedNorms> b) => b.HasKey(n => n.Id);
}
