using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data.Configurations;

internal sealed class TeamMetricConfiguration : IEntityTypeConfiguration<TeamMetric>
{
    public void Configure(EntityTypeBuilder<TeamMetric> b)
    {
        b.HasIndex(m => new { m.AssessmentId, m.Metric, m.Team }).IsUnique();
        b.HasOne<Assessment>().WithMany().HasForeignKey(m => m.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        b.Property(m => m.Metric).HasMaxLength(TeamMetricLimits.NameLength);
        b.Property(m => m.Team).HasMaxLength(TeamMetricLimits.TeamLength);
        b.Property(m => m.Unit).HasMaxLength(TeamMetricLimits.UnitLength);
    }
}
