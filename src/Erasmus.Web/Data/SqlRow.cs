using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace Erasmus.Web.Data;

/// <summary>
/// The current row of a result read by column name, so a query's SELECT list can change order without
/// its reader silently mixing columns up. Text codes become enums here (the database stores enums as their names).
/// </summary>
/// <remarks>
/// Dapper restores here, but the attainment records need what it does not do out of the box (DateOnly,
/// enums stored as text, text arrays into sets), so a type handler per case would be as long as this.
/// </remarks>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Named as the column types they read, as DbDataReader's GetInt32 and GetBoolean are.")]
public sealed class SqlRow
{
    private readonly DbDataReader _reader;
    private readonly Dictionary<string, int> _ordinals;

    private SqlRow(DbDataReader reader)
    {
        _reader = reader;
        _ordinals = new Dictionary<string, int>(reader.FieldCount, StringComparer.Ordinal);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            _ordinals.TryAdd(reader.GetName(i), i);
        }
    }

    public int Int(string column) => _reader.GetInt32(Ordinal(column));

    public int? NullableInt(string column) => Null(column, out var i) ? null : _reader.GetInt32(i);

    public double? NullableDouble(string column) => Null(column, out var i) ? null : _reader.GetDouble(i);

    public bool Bool(string column) => _reader.GetBoolean(Ordinal(column));

    public string Text(string column) => _reader.GetString(Ordinal(column));

    public string? NullableText(string column) => Null(column, out var i) ? null : _reader.GetString(i);

    public DateOnly Date(string column) => _reader.GetFieldValue<DateOnly>(Ordinal(column));

    public DateOnly? NullableDate(string column) => Null(column, out var i) ? null : _reader.GetFieldValue<DateOnly>(i);

    public T[] Array<T>(string column) => _reader.GetFieldValue<T[]>(Ordinal(column));

    /// <summary>An enum stored as its name.</summary>
    public TEnum Enum<TEnum>(string column)
        where TEnum : struct, Enum => System.Enum.Parse<TEnum>(Text(column));

    /// <summary>Every row of the command's result, each made by <paramref name="map"/>.</summary>
    public static async Task<List<T>> ReadAsync<T>(DbCommand command, Func<SqlRow, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var row = new SqlRow(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(row));
        }

        return rows;
    }

    /// <summary>A command on the connection with its parameters by name (values of the constants the SQL compares with included).</summary>
    public static DbCommand Command(DbConnection connection, string sql, params IEnumerable<NpgsqlParameter> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private int Ordinal(string column) =>
        _ordinals.TryGetValue(column, out var ordinal) ? ordinal : throw new InvalidOperationException($"The query returns no column '{column}'.");

    private bool Null(string column, out int ordinal)
    {
        ordinal = Ordinal(column);
        return _reader.IsDBNull(ordinal);
    }
}
