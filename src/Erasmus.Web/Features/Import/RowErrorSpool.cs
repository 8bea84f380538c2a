using System.Text;

namespace Erasmus.Web.Features.Import;

/// <summary>
/// The rejected rows' messages while a file is read, kept in a temporary file beside the upload rather
/// than in memory: a file of 200 000 rows with every value wrong has millions of them (610 MB as a list,
/// measured). The row checkers still write one row's errors to a list, which is moved here after each
/// row; the rows arrive in order, so the rejected rows are counted as they come.
/// </summary>
public sealed class RowErrorSpool : IDisposable
{
    private readonly string _path;
    private readonly FileStream _file;
    private readonly BinaryWriter _writer;
    private int _lastRow = -1;

    public RowErrorSpool(string path)
    {
        _path = path;
        _file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        _writer = new BinaryWriter(_file, Encoding.UTF8, leaveOpen: true);
    }

    public int Count { get; private set; }

    /// <summary>Rows with at least one error.</summary>
    public int RejectedRows { get; private set; }

    /// <summary>Moves the errors out of <paramref name="errors"/> (left empty).</summary>
    public void Take(List<RowError> errors)
    {
        foreach (var error in errors)
        {
            _writer.Write(error.Row);
            _writer.Write(error.Column);
            _writer.Write(error.Message);
            _writer.Write(error.Value ?? "");
            Count++;
            if (error.Row != _lastRow)
            {
                RejectedRows++;
                _lastRow = error.Row;
            }
        }

        errors.Clear();
    }

    /// <summary>The errors in the order they were taken, read back one at a time.</summary>
    public IEnumerable<RowError> ReadAll()
    {
        _writer.Flush();
        _file.Position = 0;
        using var reader = new BinaryReader(_file, Encoding.UTF8, leaveOpen: true);
        for (var i = 0; i < Count; i++)
        {
            var (row, column, message, value) = (reader.ReadInt32(), reader.ReadString(), reader.ReadString(), reader.ReadString());
            yield return new RowError(row, column, message, value.Length == 0 ? null : value);
        }
    }

    public override string ToString() => _path;

    public void Dispose()
    {
        _writer.Dispose();
        _file.Dispose();
    }
}
