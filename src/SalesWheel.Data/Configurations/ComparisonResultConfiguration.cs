using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data.Configurations;

internal sealed class ComparisonResultConfiguration : IEntityTypeConfiguration<ComparisonResult>
{
    public void Configure(EntityTypeBuilder<ComparisonResult> b)
    {
        b.HasKey(r => new { r.BeforeAssessmentId, r.AfterAssessmentId });
        b.HasOne<Assessment>().WithMany().HasForeignKey(r => r.BeforeAssessmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Assessment>().WithMany().HasForeignKey(r => r.AfterAssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
