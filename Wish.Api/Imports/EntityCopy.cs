using System.Collections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace WeChatWish.Api.Imports;

/// <summary>
/// Writes new entities with PostgreSQL's binary COPY, the columns, their types and value converters read from the EF model, so a
/// column added to an entity needs no change here. It writes what SaveChanges would insert, without change tracking (the cost of
/// an import of 50,000 wishes); JSON-mapped owned collections must be empty, as they are for imported wishes.
/// </summary>
public static class EntityCopy
{
    public static async Task<ulong> CopyAsync<T>(NpgsqlConnection connection, IModel model, IReadOnlyCollection<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0) return 0;
        var columns = Columns<T>(model);
        var type = model.FindEntityType(typeof(T))!;
        var sql = $"COPY \"{type.GetTableName()}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var writer = await connection.BeginBinaryImportAsync(sql, ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            foreach (var column in columns)
            {
                var value = column.Value(row);
                if (value is null) await writer.WriteNullAsync(ct);
                else await writer.WriteAsync(value, column.DataType, ct);
            }
        }
        return await writer.CompleteAsync(ct);
    }

    private static List<(string Name, string DataType, Func<T, object?> Value)> Columns<T>(IModel model) where T : class
    {
        var type = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = new List<(string, string, Func<T, object?>)>();
        foreach (var property in type.GetProperties())
        {
            // Shadow properties are the database's own (xmin) or keys EF sets; the entities here have none to write.
            if (property.IsShadowProperty() || property.GetColumnName(table) is not { } name) continue;
            var converter = property.GetTypeMapping().Converter;
            var getter = property.GetGetter();
            columns.Add((name, DataType(property.GetColumnType()), row =>
            {
                var value = getter.GetClrValueUsingContainingEntity(row);
                return value is null || converter is null ? value : converter.ConvertToProvider(value);
            }));
        }
        foreach (var navigation in type.GetNavigations().Where(n => n.TargetEntityType.IsMappedToJson()))
        {
            var getter = navigation.GetGetter();
            columns.Add((navigation.TargetEntityType.GetContainerColumnName()!, "jsonb", row =>
                getter.GetClrValueUsingContainingEntity(row) switch
                {
                    null => null,
                    IEnumerable items when !items.GetEnumerator().MoveNext() => "[]",
                    _ => throw new NotSupportedException($"{typeof(T).Name}.{navigation.Name} holds items; EntityCopy writes only empty JSON collections."),
                }));
        }
        return columns;
    }

    // "character varying(50)" → "character varying": the facets are the column's, the value is written as the base type.
    private static string DataType(string columnType)
    {
        var facets = columnType.IndexOf('(');
        return facets < 0 ? columnType : columnType[..facets];
    }
}
