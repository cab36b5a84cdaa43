using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data.Configurations;

internal sealed class PendingSignUpConfiguration : IEntityTypeConfiguration<PendingSignUp>
{
    public void Configure(EntityTypeBuilder<PendingSignUp> b)
    {
        b.HasIndex(s => s.TokenHash).IsUnique();
        b.HasIndex(s => s.NormalizedEmail);
        b.Property(s => s.Email).HasMaxLength(320);
        b.Property(s => s.NormalizedEmail).HasMaxLength(320);
        b.Property(s => s.DisplayName).HasMaxLength(200);
        b.Property(s => s.OrganizationName).HasMaxLength(200);
        b.Property(s => s.TokenHash).HasMaxLength(64);
        b.Property(s => s.QuickTokenHash).HasMaxLength(64);
    }
}
