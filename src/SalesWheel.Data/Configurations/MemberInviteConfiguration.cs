using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data.Configurations;

internal sealed class MemberInviteConfiguration : IEntityTypeConfiguration<MemberInvite>
{
    public void Configure(EntityTypeBuilder<MemberInvite> b)
    {
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(i => i.Email).HasMaxLength(320);
        b.Property(i => i.TokenHash).HasMaxLength(64);
        b.Property(i => i.Role).HasConversion<string>().HasMaxLength(20);
    }
}
