namespace Erasmus.Web.Features.Import;

/// <summary>
/// The values a coded column accepts: each value's code and its names in English and bokmål, plus common
/// synonyms. A cell matches a name exactly (case, spaces and punctuation aside: "digital transformation" is
/// the code digital-transformation), or else, when every word it has (at least three letters) is a whole word
/// of the names of one value only, that value ("digital", "klima"). Whatever does not match gets a message
/// that lists every accepted value, so the coordinator can correct the cell at once.
/// </summary>
public sealed class ImportVocabulary<T>
    where T : notnull
{
    private readonly Dictionary<string, T> _exact = new(StringComparer.Ordinal);
    private readonly List<(T Value, string[] Words)> _names = [];
    private readonly List<string> _listed = [];

    /// <param name="listed">How the value is shown in the list of accepted values ("digital-transformation (Digital omstilling)").</param>
    public ImportVocabulary<T> Add(T value, string listed, params string?[] names)
    {
        _listed.Add(listed);
        foreach (var name in names.OfType<string>())
        {
            var key = ImportColumn.Normalise(name);
            if (key.Length == 0)
            {
                continue;
            }

            _exact.TryAdd(key, value);
            _exact.TryAdd(key.Replace(" ", "", StringComparison.Ordinal), value);
            _names.Add((value, key.Split(' ')));
        }

        return this;
    }

    /// <summary>Synonyms that match exactly only (abbreviations, other spellings); not listed.</summary>
    public ImportVocabulary<T> Also(T value, params string[] synonyms)
    {
        foreach (var synonym in synonyms)
        {
            _exact.TryAdd(ImportColumn.Normalise(synonym), value);
        }

        return this;
    }

    public bool TryGet(string text, out T value)
    {
        var key = ImportColumn.Normalise(text);
        if (_exact.TryGetValue(key, out value!) || _exact.TryGetValue(key.Replace(" ", "", StringComparison.Ordinal), out value!))
        {
            return true;
        }

        var words = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words.Any(w => w.Length < 3))
        {
            return false;
        }

        var matches = _names.Where(n => words.All(w => n.Words.Contains(w, StringComparer.Ordinal))).Select(n => n.Value).Distinct().ToList();
        if (matches.Count == 1)
        {
            value = matches[0];
            return true;
        }

        return false;
    }

    /// <summary>The accepted values, for messages: "A, B, C".</summary>
    public string Listing => string.Join(", ", _listed);
}
