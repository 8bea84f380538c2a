using System.Collections.Concurrent;
using System.Globalization;

namespace Erasmus.Web.Features.Import;

/// <summary>The import's limits (stated on the page) and where uploads wait to be read.</summary>
public sealed class ImportOptions
{
    /// <summary>A constant, because the upload action's request size limit is an attribute.</summary>
    public const long MaxFileBytes = 20L * 1024 * 1024;

    /// <summary>The multipart request around the file: the file plus room for the form's other fields.</summary>
    public const long MaxRequestBytes = MaxFileBytes + (1024 * 1024);

    public int MaxRows { get; set; } = 200_000;

    /// <summary>No field the import reads is longer; longer cells are rejected, not truncated.</summary>
    public int MaxCellChars { get; set; } = 1000;

    /// <summary>Unconfirmed batches (and their staged rows) are removed after this.</summary>
    public TimeSpan KeepUnconfirmed { get; set; } = TimeSpan.FromDays(2);

    public string Folder { get; set; } = "";

    public static string MaxFileText => (MaxFileBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MB";

    public string MaxRowsText => MaxRows.ToString("N0", CultureInfo.GetCultureInfo("nb-NO"));

    public string PathOf(Guid batchId) => Path.Combine(Folder, batchId.ToString("N") + ".upload");
}

/// <summary>How far a background read or confirmation has come, kept in memory for the status endpoint.</summary>
public sealed record ImportProgressInfo(string Phase, int Rows, double? Fraction);

public sealed class ImportProgress
{
    private readonly ConcurrentDictionary<Guid, ImportProgressInfo> _items = new();

    public void Report(Guid batchId, string phase, int rows, double? fraction) => _items[batchId] = new ImportProgressInfo(phase, rows, fraction);

    public ImportProgressInfo? Get(Guid batchId) => _items.GetValueOrDefault(batchId);

    public void Remove(Guid batchId) => _items.TryRemove(batchId, out _);
}
