using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data;

/// <summary>
/// Inserts many responses at once (an uploaded file of up to 100,000; an assessment's answers released at close):
/// with the provider's bulk copy when it has one (<see cref="IResponseCopy"/>: PostgreSQL's binary COPY), else one
/// prepared statement run per row, inside the caller's transaction. Change tracking took over 20 s for 100,000 rows;
/// this takes a second or two. Table, columns and value conversions come from the EF model, so the rows are stored
/// exactly as SaveChanges would store them.
/// </summary>
public static class ResponseRows
{
    /// <summary>The provider's bulk copy, when its options registered one (null on SQLite).</summary>
    public static IResponseCopy? CopyOf(AppDbContext db) => db.GetInfrastructure().GetService<IResponseCopy>();

    /// <exception cref="InvalidOperationException">No transaction is open: the rows must go in with everything else or not at all.</exception>
    public static async Task InsertAsync(AppDbContext db, IEnumerable<SurveyResponse> rows, CancellationToken cancellationToken = default)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Insert responses inside a transaction.");
        if (CopyOf(db) is { } copy)
        {
            await copy.CopyAsync(db, rows, cancellationToken);
            return;
        }

        var entity = db.Model.FindEntityType(typeof(SurveyResponse))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var connection = db.Database.GetDbConnection();

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var columns = new List<(IProperty Property, DbParameter Parameter, ValueConverter? Converter)>();
        foreach (var property in entity.GetProperties())
        {
            var mapping = property.GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(command, sql.GenerateParameterName($"p{columns.Count}"), null, property.IsNullable);
            command.Parameters.Add(parameter);
            columns.Add((property, parameter, mapping.Converter));
        }

        command.CommandText =
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} "
            + $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)))}) "
            + $"VALUES ({string.Join(", ", columns.Select((_, i) => sql.GenerateParameterNamePlaceholder($"p{i}")))})";
        await command.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            foreach (var (property, parameter, converter) in columns)
            {
                var value = property.GetGetter().GetClrValue(row);
                parameter.Value = (converter is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

/// <summary>
/// A provider's fast path for writing many responses inside the open transaction (registered in the context's own
/// services by the provider's options; see SalesWheel.Data.Postgres).
/// </summary>
public interface IResponseCopy
{
    Task CopyAsync(AppDbContext db, IEnumerable<SurveyResponse> rows, CancellationToken cancellationToken);
}
