using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data.Configurations;

internal sealed class ShownSecretConfiguration : IEntityTypeConfiguration<ShownSecret>
{
    public void Configure(EntityTypeBuilder<ShownSecret> b)
    {
        b.HasKey(s => s.KeyHash);
        b.Property(s => s.KeyHash).HasMaxLength(64);
        b.Property(s => s.UserId).HasMaxLength(450);
        b.HasIndex(s => s.MadeAt);
    }
}
