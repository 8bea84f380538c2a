using System.Text;

namespace Erasmus.Web.Infrastructure.Csv;

/// <summary>
/// A small RFC 4180 reader: quoted fields, doubled quotes, commas or semicolons, CRLF or LF, line
/// breaks inside quotes. (CsvHelper 34, the only version here, is a different library; see README.)
/// </summary>
public static class CsvReader
{
    /// <summary>Reads every record; the first is the header. Fields are returned as written.</summary>
    public static IEnumerable<string[]> ReadRecords(TextReader reader, char separator = ',')
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var fieldStarted = false;
        int next;
        while ((next = reader.Read()) != -1)
        {
            var c = (char)next;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            if (c == '"' && field.Length == 0)
            {
                inQuotes = true;
                fieldStarted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldStarted = true;
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                fields.Add(field.ToString());
                field.Clear();
                yield return [.. fields];
                fields.Clear();
                fieldStarted = false;
            }
            else
            {
                field.Append(c);
                fieldStarted = true;
            }
        }

        if (fieldStarted || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return [.. fields];
        }
    }

    /// <summary>Reads a headed file into dictionaries keyed by header (case-insensitive).</summary>
    public static IEnumerable<IReadOnlyDictionary<string, string>> ReadTable(TextReader reader, char separator = ',')
    {
        string[]? header = null;
        foreach (var record in ReadRecords(reader, separator))
        {
            if (header is null)
            {
                header = [.. record.Select(h => h.Trim().TrimStart('\uFEFF'))];
                continue;
            }

            if (record.Length == 1 && record[0].Length == 0)
            {
                continue;
            }

            var row = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length; i++)
            {
                row[header[i]] = i < record.Length ? record[i] : "";
            }

            yield return row;
        }
    }
}
