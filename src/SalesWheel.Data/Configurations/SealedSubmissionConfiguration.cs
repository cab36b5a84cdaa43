using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data.Configurations;

internal sealed class SealedSubmissionConfiguration : IEntityTypeConfiguration<SealedSubmission>
{
    public void Configure(EntityTypeBuilder<SealedSubmission> b)
    {
        b.HasIndex(s => s.AssessmentId);
        b.HasOne<Assessment>().WithMany().HasForeignKey(s => s.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        b.Property(s => s.Id).ValueGeneratedNever();
    }
}
