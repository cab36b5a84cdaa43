using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SalesWheel.Data.Sqlite;

/// <summary>
/// For <c>dotnet ef migrations add NAME --project src/SalesWheel.Data.Sqlite --startup-project src/SalesWheel.Data.Sqlite</c>:
/// the model alone (adding a migration never opens the file).
/// </summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseSalesWheelSqlite("Data Source=design-time.db");
        return new AppDbContext(options.Options);
    }
}
