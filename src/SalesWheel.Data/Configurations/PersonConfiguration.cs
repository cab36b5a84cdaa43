using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.HasIndex(p => new { p.OrganizationId, p.Email }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Email).HasMaxLength(320);
        b.Property(p => p.Team).HasMaxLength(100);
        b.HasOne<OrganizationRole>().WithMany().HasForeignKey(p => p.RoleId).OnDelete(DeleteBehavior.SetNull);
        b.Property(p => p.Role).HasConversion<string>().HasMaxLength(20);
    }
}
