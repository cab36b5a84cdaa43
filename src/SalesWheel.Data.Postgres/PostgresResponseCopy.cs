using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data.Postgres;

/// <summary>
/// Writes responses with PostgreSQL's binary COPY: one stream for all rows instead of a round trip per row. Table,
/// columns, store types and value conversions come from the EF model, so the rows are stored as SaveChanges would
/// store them. COPY runs on the context's connection, inside its open transaction.
/// </summary>
internal sealed class PostgresResponseCopy : IResponseCopy
{
    public async Task CopyAsync(AppDbContext db, IEnumerable<SurveyResponse> rows, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Copy responses inside a transaction.");
        }

        var entity = db.Model.FindEntityType(typeof(SurveyResponse))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties()
            .Select(p => (Property: p, Mapping: p.GetRelationalTypeMapping()))
            .ToList();
        var copy = $"COPY {sql.DelimitIdentifier(table.Name, table.Schema)} "
            + $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)))}) FROM STDIN (FORMAT BINARY)";

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            foreach (var (property, mapping) in columns)
            {
                var value = property.GetGetter().GetClrValue(row);
                var stored = mapping.Converter is null ? value : mapping.Converter.ConvertToProvider(value);
                if (stored is null)
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await writer.WriteAsync(stored, mapping.StoreType, cancellationToken);
                }
            }
        }

        await writer.CompleteAsync(cancellationToken);
    }
}

/// <summary>Registers <see cref="PostgresResponseCopy"/> among the context's own services (see <see cref="ResponseRows.CopyOf"/>).</summary>
internal sealed class ResponseCopyExtension : IDbContextOptionsExtension
{
    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services) => services.AddSingleton<IResponseCopy, PostgresResponseCopy>();

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
        {
        }
    }
}
