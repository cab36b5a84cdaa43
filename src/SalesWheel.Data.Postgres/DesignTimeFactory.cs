using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SalesWheel.Data.Postgres;

/// <summary>
/// For <c>dotnet ef migrations add NAME --project src/SalesWheel.Data.Postgres --startup-project src/SalesWheel.Data.Postgres</c>:
/// the model alone, no server needed (adding a migration never connects).
/// </summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseSalesWheelPostgres("Host=localhost;Database=saleswheel");
        return new AppDbContext(options.Options);
    }
}
