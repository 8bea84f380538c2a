using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Erasmus.Web.Features.Import.Reading;

/// <summary>
/// The zip package of an .xlsx upload, opened so that nothing in it can make the reader hold more than a
/// bounded amount: the central directory is counted before ZipArchive reads it (ZipArchive keeps every
/// entry it finds), and each part the import reads is unpacked through a counter that stops at the total
/// and at the compression ratio, then through <see cref="XmlShapeGuard"/> into an XmlReader. Parts the
/// import does not need (drawings, images, other sheets, themes) are never unpacked.
/// </summary>
internal sealed class XlsxPackage : IDisposable
{
    /// <summary>Unpacked bytes a part may reach before its compression ratio is judged: small parts compress unevenly.</summary>
    private const long RatioGrace = 1024 * 1024;

    /// <summary>ZipArchive keeps each entry's name (three bytes of memory for each of the directory's), so the directory is bounded too.</summary>
    private const long MaxCentralDirectoryBytes = 4 * 1024 * 1024;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries;
    private readonly Dictionary<ZipArchiveEntry, long> _unpacked = [];
    private readonly ImportOptions _limits;
    private long _total;

    private XlsxPackage(ZipArchive zip, ImportOptions limits)
    {
        _zip = zip;
        _limits = limits;
        _entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in zip.Entries)
        {
            _entries.TryAdd(Normalise(entry.FullName), entry);
        }
    }

    public static XlsxPackage Open(string path, ImportOptions limits)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        try
        {
            CheckHead(stream);
            CheckDirectory(stream, limits.MaxZipEntries);
            stream.Position = 0;
            var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
            if (zip.Entries.Sum(e => e.Length) > limits.MaxUnpackedBytes)
            {
                zip.Dispose();
                throw new ImportFileException($"Filen pakker seg ut til over {ImportOptions.Bytes(limits.MaxUnpackedBytes)} og er for stor til å importeres. Del den opp i mindre filer.");
            }

            return new XlsxPackage(zip, limits);
        }
        catch (InvalidDataException ex)
        {
            stream.Dispose();
            throw new ImportFileException("Filen er skadet: zip-pakken i .xlsx-filen kan ikke leses. Åpne den i Excel og lagre den på nytt.", ex);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The part at a path inside the package ("xl/workbook.xml"), or null.</summary>
    public ZipArchiveEntry? Part(string name) => _entries.GetValueOrDefault(Normalise(name));

    /// <summary>An XmlReader over the part, unpacked under the package's limits.</summary>
    public XmlReader OpenXml(ZipArchiveEntry entry, XmlNameTable names)
    {
        Stream stream;
        try
        {
            stream = entry.Open();
        }
        catch (InvalidDataException ex)
        {
            throw new ImportFileException("Filen er skadet: zip-pakken i .xlsx-filen kan ikke leses. Åpne den i Excel og lagre den på nytt.", ex);
        }

        var text = new StreamReader(new CountingStream(stream, this, entry), Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        var settings = Settings.Clone();
        settings.NameTable = names;
        return XmlReader.Create(new XmlShapeGuard(text), settings);
    }

    /// <summary>Relationships of a part: id → (type, target part path), targets resolved against the part's folder; external targets left out.</summary>
    public Dictionary<string, (string Type, string Target)> Relationships(string partName)
    {
        var folder = partName.Contains('/', StringComparison.Ordinal) ? partName[..(partName.LastIndexOf('/') + 1)] : "";
        var relationships = new Dictionary<string, (string Type, string Target)>(StringComparer.Ordinal);
        if (Part(folder + "_rels/" + partName[folder.Length..] + ".rels") is not { } entry)
        {
            return relationships;
        }

        using var reader = OpenXml(entry, new BoundedNameTable());
        while (XlsxSheet.Read(reader))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship"
                && reader.GetAttribute("TargetMode") is not "External"
                && reader.GetAttribute("Id") is { } id && reader.GetAttribute("Type") is { } type && reader.GetAttribute("Target") is { } target
                && relationships.Count < _limits.MaxZipEntries)
            {
                relationships.TryAdd(id, (type, Resolve(folder, target)));
            }
        }

        return relationships;
    }

    public void Dispose() => _zip.Dispose();

    /// <summary>Counts what a part unpacks to; a part read twice (layout, then rows) counts once towards the total.</summary>
    private void Unpacked(ZipArchiveEntry entry, long bytes)
    {
        var before = _unpacked.GetValueOrDefault(entry);
        if (bytes <= before)
        {
            return;
        }

        _unpacked[entry] = bytes;
        _total += bytes - before;
        if (_total > _limits.MaxUnpackedBytes)
        {
            throw new ImportFileException($"Filen pakker seg ut til over {ImportOptions.Bytes(_limits.MaxUnpackedBytes)} og er for stor til å importeres. Del den opp i mindre filer.");
        }

        if (bytes > RatioGrace && bytes > (double)_limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
        {
            throw new ImportFileException(
                $"Filen pakker seg ut til mer enn {ImportOptions.Count(_limits.MaxCompressionRatio)} ganger sin pakkede størrelse. Så tett pakkes ingen vanlig arbeidsbok (den kan være en «zip-bombe»), og den importeres ikke. Lagre regnearket på nytt i Excel.");
        }
    }

    /// <summary>An old .xls, an encrypted workbook or a renamed text file is named as such.</summary>
    private static void CheckHead(FileStream stream)
    {
        Span<byte> head = stackalloc byte[8];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (read == 0)
        {
            throw new ImportFileException("Filen er tom.");
        }

        if (read == 8 && head.SequenceEqual((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            throw new ImportFileException("Filen er i det gamle Excel-formatet (.xls), eller den er passordbeskyttet. Fjern passordet og lagre den som «Excel-arbeidsbok (.xlsx)».");
        }

        if (read < 4 || head[0] != 0x50 || head[1] != 0x4B || head[2] != 0x03 || head[3] != 0x04)
        {
            throw new ImportFileException("Filen er ikke en gyldig .xlsx-fil: en .xlsx-fil er en zip-pakke, og denne filen er ikke det. Er det en CSV- eller tekstfil med feil filendelse? Gi den i så fall endelsen .csv.");
        }
    }

    /// <summary>
    /// Walks the central directory as ZipArchive will (from the start the end record names, while entry
    /// headers follow one another), counting entries and bytes, so that a directory of hundreds of
    /// thousands of tiny entries, or one that lies about its count, is refused before it is read.
    /// </summary>
    private static void CheckDirectory(FileStream stream, int maxEntries)
    {
        var length = stream.Length;
        var tailLength = (int)Math.Min(length, 22 + ushort.MaxValue);
        var tail = new byte[tailLength];
        stream.Position = length - tailLength;
        stream.ReadExactly(tail);
        var end = -1;
        for (var i = tailLength - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == 0x06054B50)
            {
                end = i;
                break;
            }
        }

        if (end < 0)
        {
            throw new InvalidDataException("No end of central directory record.");
        }

        var record = tail.AsSpan(end);
        long entries = BinaryPrimitives.ReadUInt16LittleEndian(record[10..]);
        long start = BinaryPrimitives.ReadUInt32LittleEndian(record[16..]);
        var endPosition = length - tailLength + end;
        if ((entries == ushort.MaxValue || start == uint.MaxValue) && endPosition >= 20)
        {
            // Zip64: the locator just before the end record points to the 64-bit end record.
            Span<byte> locator = stackalloc byte[20];
            stream.Position = endPosition - 20;
            stream.ReadExactly(locator);
            if (BinaryPrimitives.ReadUInt32LittleEndian(locator) == 0x07064B50)
            {
                var zip64 = (long)BinaryPrimitives.ReadUInt64LittleEndian(locator[8..]);
                Span<byte> record64 = stackalloc byte[56];
                if (zip64 < 0 || zip64 > length - 56)
                {
                    throw new InvalidDataException("Zip64 end record out of range.");
                }

                stream.Position = zip64;
                stream.ReadExactly(record64);
                if (BinaryPrimitives.ReadUInt32LittleEndian(record64) == 0x06064B50)
                {
                    entries = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(record64[32..]), (ulong)long.MaxValue);
                    start = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(record64[48..]), (ulong)long.MaxValue);
                }
            }
        }

        if (entries > maxEntries)
        {
            throw TooManyParts();
        }

        if (start < 0 || start > length)
        {
            throw new InvalidDataException("Central directory out of range.");
        }

        // The FileStream's own buffer serves these small reads; at most MaxZipEntries of them.
        stream.Position = start;
        Span<byte> header = stackalloc byte[46];
        var count = 0;
        var position = start;
        while (position + 46 <= length)
        {
            stream.ReadExactly(header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != 0x02014B50)
            {
                break;
            }

            var rest = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]) + BinaryPrimitives.ReadUInt16LittleEndian(header[30..]) + BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
            position += 46 + rest;
            if (++count > maxEntries || position - start > MaxCentralDirectoryBytes)
            {
                throw TooManyParts();
            }

            stream.Position = Math.Min(position, length);
        }
    }

    private static ImportFileException TooManyParts() => new ImportFileException("Filen har for mange deler til å være en vanlig Excel-arbeidsbok.");

    /// <summary>A relationship's target against the folder of the part that names it: "worksheets/sheet1.xml" in "xl/", "/xl/styles.xml", "../media/x.png".</summary>
    private static string Resolve(string folder, string target)
    {
        var path = Uri.UnescapeDataString(target.Replace('\\', '/'));
        var parts = new List<string>();
        foreach (var segment in (path.StartsWith('/') ? path : folder + path).Split('/'))
        {
            if (segment == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (segment is not ("" or "."))
            {
                parts.Add(segment);
            }
        }

        return string.Join('/', parts);
    }

    private static string Normalise(string name) => Uri.UnescapeDataString(name.Replace('\\', '/').TrimStart('/'));

    /// <summary>The unpacked bytes of one part, counted against the package's limits as they are read.</summary>
    private sealed class CountingStream(Stream inner, XlsxPackage package, ZipArchiveEntry entry) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int read;
            try
            {
                read = inner.Read(buffer);
            }
            catch (InvalidDataException ex)
            {
                throw new ImportFileException("Filen er skadet: zip-pakken i .xlsx-filen kan ikke leses. Åpne den i Excel og lagre den på nytt.", ex);
            }

            _read += read;
            package.Unpacked(entry, _read);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
