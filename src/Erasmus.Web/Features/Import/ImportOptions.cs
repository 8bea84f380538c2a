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

    // What the file may hold, so that any upload the size limit allows is read in bounded memory and time
    // (issue 15). Each is refused with a message naming it; none is near what a real workbook or CSV needs.

    /// <summary>No cell of a spreadsheet is longer (Excel's own limit is 32 767); a CSV field this long is an unclosed quote.</summary>
    public const int MaxFieldChars = 100_000;

    /// <summary>Columns read; a value further right, or a CSV line with more fields, is refused.</summary>
    public int MaxColumns { get; set; } = 1_000;

    /// <summary>Cells (&lt;c&gt;, empty ones too) in one row of a workbook: as many as Excel has columns.</summary>
    public int MaxCellsPerRow { get; set; } = 16_384;

    /// <summary>Rows (&lt;row&gt;, blank ones too) in a sheet and the highest row number: as many as Excel has rows.</summary>
    public int MaxSheetRows { get; set; } = 1_048_576;

    /// <summary>
    /// Distinct texts in a workbook's shared-string table, which is held in memory while the sheet is read
    /// (about 60 bytes a text): a mobility row has one text of its own (the mobility ID), so the 200 000 rows
    /// the import takes need some 210 000 with the project numbers, organisations and dates typed as text.
    /// </summary>
    public int MaxSharedStrings { get; set; } = 250_000;

    /// <summary>Characters in all shared strings together (two bytes each in memory); 200 000 mobility IDs have 3 200 000.</summary>
    public long MaxSharedStringChars { get; set; } = 5_000_000;

    /// <summary>Cell formats (&lt;xf&gt; in cellXfs): Excel's own limit.</summary>
    public int MaxCellFormats { get; set; } = 65_490;

    /// <summary>Parts in the zip package.</summary>
    public int MaxZipEntries { get; set; } = 10_000;

    /// <summary>What the parts the import reads may unpack to, together, counted as they are unpacked.</summary>
    public long MaxUnpackedBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>How much larger than its packed size a part may unpack to; a zip bomb is far beyond, real sheets far below.</summary>
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>Characters in one CSV line (a record, with any line breaks inside quotes).</summary>
    public int MaxLineChars { get; set; } = 1_000_000;

    /// <summary>Unconfirmed batches (and their staged rows) are removed after this.</summary>
    public TimeSpan KeepUnconfirmed { get; set; } = TimeSpan.FromDays(2);

    public string Folder { get; set; } = "";

    public static string MaxFileText => (MaxFileBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MB";

    public string MaxRowsText => MaxRows.ToString("N0", CultureInfo.GetCultureInfo("nb-NO"));

    /// <summary>A limit as the messages write it (bokmål digit grouping).</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.GetCultureInfo("nb-NO"));

    /// <summary>A byte limit as the messages write it: "1 GB", "512 MB".</summary>
    public static string Bytes(long value) => value >= 1024L * 1024 * 1024 && value % (1024L * 1024 * 1024) == 0
        ? Count(value / (1024L * 1024 * 1024)) + " GB"
        : Count((long)Math.Ceiling(value / (1024.0 * 1024.0))) + " MB";

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
