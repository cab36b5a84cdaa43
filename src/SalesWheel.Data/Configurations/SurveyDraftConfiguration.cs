using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data.Configurations;

internal sealed class SurveyDraftConfiguration : IEntityTypeConfiguration<SurveyDraft>
{
    public void Configure(EntityTypeBuilder<SurveyDraft> b)
    {
        b.HasKey(d => new { d.InvitationId, d.BrowserId });
        b.Property(d => d.BrowserId).HasMaxLength(64);
        b.HasOne<Invitation>().WithMany().HasForeignKey(d => d.InvitationId).OnDelete(DeleteBehavior.Cascade);
    }
}
