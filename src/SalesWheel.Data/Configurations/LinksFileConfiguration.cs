using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data.Configurations;

internal sealed class LinksFileConfiguration : IEntityTypeConfiguration<LinksFile>
{
    public void Configure(EntityTypeBuilder<LinksFile> b)
    {
        b.HasIndex(f => new { f.AssessmentId, f.Name }).IsUnique();
        b.HasOne<Assessment>().WithMany().HasForeignKey(f => f.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        b.Property(f => f.Id).ValueGeneratedNever();
        b.Property(f => f.Name).HasMaxLength(100);
    }
}
