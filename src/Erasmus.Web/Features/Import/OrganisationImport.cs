using System.Globalization;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Import.Reading;
using Erasmus.Web.Features.Organisations;
using Erasmus.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Import;

/// <summary>
/// The columns of the organisation import, in the shape of the Commission's organisation registration
/// (ORS) export: OID, legal name, country, city, registration number, organisation type; plus the county
/// for Norwegian organisations. Headers as the export writes them, or in bokmål.
/// </summary>
public static class OrganisationColumns
{
    public static readonly ImportColumn Oid = new("Oid", "OID", "OID", false,
        "Organisasjons-ID-en i EUs systemer (E fulgt av 8 sifre). Kjenner igjen organisasjonen ved ny import, sammen med organisasjonsnummeret.",
        "E10123456", "Organisation ID", "Organisation OID", "OID Number", "Organisasjons-ID", "Organisasjons ID");

    public static readonly ImportColumn LegalName = new("LegalName", "Legal Name", "Juridisk navn", true,
        "Organisasjonens navn slik det er registrert.", "Bergen tekniske fagskole",
        "Legal name (national language)", "Organisation Legal Name", "Organisation Name", "Name", "Navn", "Organisasjonsnavn", "Organisasjon");

    public static readonly ImportColumn Country = new("Country", "Country", "Land", true,
        "Landkode (NO, DE, …) eller landets navn på engelsk eller bokmål.", "NO", "Country Code", "Organisation Country", "Landkode");

    public static readonly ImportColumn City = new("City", "City", "By", false,
        "Byen eller kommunen. For norske organisasjoner lagres den som kommune; for utenlandske blir den ikke lagret.", "Bergen",
        "Town", "Municipality", "Kommune", "Sted", "Poststed");

    public static readonly ImportColumn OrganisationNumber = new("OrganisationNumber", "Registration Number", "Organisasjonsnummer", false,
        "Norske organisasjoners organisasjonsnummer (9 sifre). Må fylles ut for norske organisasjoner.", "974760673",
        "National ID", "National Registration Number", "Business Registration Number", "Organisation Number", "Registration No", "Org nr", "Orgnr", "Organisasjonsnr");

    public static readonly ImportColumn Type = new("Type", "Organisation Type", "Organisasjonstype", true,
        "Typen, på bokmål eller engelsk, eller Kommisjonens organisasjonstype (for eksempel «Higher education institution (tertiary level)»).",
        "Videregående skole", "Type of Organisation", "Organisation Category", "Type");

    public static readonly ImportColumn County = new("County", "County", "Fylke", false,
        "Fylkesnummeret eller fylkets navn (for eksempel 46 eller Vestland). Må fylles ut for norske organisasjoner; tomt for utenlandske.",
        "46", "County Number", "Fylkesnummer", "Fylkesnr", "Region");

    public static readonly ImportColumn FirstParticipationYear = new("FirstParticipationYear", "First Participation Year", "Første deltakelsesår", false,
        "Året organisasjonen første gang deltok i Erasmus+ (1987–2027). Tom: ukjent.", "2015", "First Year", "Første år");

    public static readonly IReadOnlyList<ImportColumn> All = [Oid, LegalName, Country, City, OrganisationNumber, Type, County, FirstParticipationYear];
}

/// <summary>An organisation row as it will be saved: every field resolved, saved values kept where the file lacks the column.</summary>
public sealed record OrganisationPayload(string Name, OrganisationType Type, string CountryCode, string? OrganisationNumber, string? Oid,
    string? CountyNumber, string? Municipality, int? FirstParticipationYear);

/// <summary>What the organisation import checks against besides the reference data: the saved organisations in full.</summary>
public sealed record SavedOrganisation(int Id, uint Version, OrganisationPayload Values);

/// <summary>
/// The import of organisations: the same two steps as the other kinds. Rows are compared in memory and
/// confirmed through the entity, which writes each organisation's own audit entries; the batch gets one more.
/// </summary>
public static class OrganisationImport
{
    internal static async Task<(int Total, HeaderMap Header)> StageAsync(ErasmusDbContext db, ImportBatch batch, IEnumerable<(SheetRow Row, HeaderMap Header)> rows,
        ImportReferenceData data, ImportActor actor, int maxCellChars, List<RowError> errors, CancellationToken cancellationToken)
    {
        var saved = await db.Organisations.AsNoTracking()
            .Select(o => new SavedOrganisation(o.Id, o.Version, new OrganisationPayload(o.Name, o.Type, o.CountryCode, o.OrganisationNumber, o.Oid, o.CountyNumber, o.Municipality, o.FirstParticipationYear)))
            .ToDictionaryAsync(o => o.Id, cancellationToken);
        HeaderMap? header = null;
        OrganisationRowChecker? checker = null;
        var total = 0;
        var staged = new List<ImportRecordRow>();
        foreach (var (row, map) in rows)
        {
            header ??= map;
            checker ??= new OrganisationRowChecker(data, saved, actor, map, maxCellChars);
            total++;
            var firstError = errors.Count;
            if (checker.Check(row, errors) is not { } result)
            {
                continue;
            }

            // A Norwegian organisation made foreign: what depends on it must stay Norwegian (as the form).
            var payload = Deserialise(result.Payload);
            if (result.ExistingId is { } id && saved[id].Values.CountryCode == Organisation.Norway && payload.CountryCode != Organisation.Norway)
            {
                var ties = await OrganisationQueries.TiesAsync(db, id, cancellationToken);
                foreach (var violation in ties.MustStayNorwegian(nameof(Organisation.CountryCode)))
                {
                    errors.Add(new RowError(row.Number, map.NameOf(OrganisationColumns.Country), violation.Message));
                }

                if (!actor.National && await OrganisationQueries.ProjectsInItsCountyAsync(db, id, cancellationToken) > 0)
                {
                    errors.Add(new RowError(row.Number, map.NameOf(OrganisationColumns.Country),
                        "Du kan ikke gjøre organisasjonen utenlandsk: prosjektene den koordinerer eller er norsk partner i, ville da flytte ut av fylket ditt. Be HK-dir om å endre landet."));
                }

                if (errors.Count > firstError)
                {
                    continue;
                }
            }

            result.BatchId = batch.Id;
            staged.Add(result);
        }

        db.Set<ImportRecordRow>().AddRange(staged);
        await db.SaveChangesAsync(cancellationToken);
        return (total, header!);
    }

    /// <summary>Applies the new and changed rows through the entity; an organisation saved by someone else since the preview stops the whole batch.</summary>
    internal static Task<(int Inserted, int Updated, string[] Keys)> MergeAsync(ErasmusDbContext db, ImportBatch batch, CancellationToken cancellationToken) =>
        new RecordMerge<Organisation, OrganisationPayload>(db, batch).RunAsync(
            async ids => await db.Organisations.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken),
            async (organisation, p) =>
            {
                var ties = p.CountryCode == Organisation.Norway ? OrganisationTies.None : await OrganisationQueries.TiesAsync(db, organisation.Id, cancellationToken);
                organisation.Update(p.Name, p.Type, p.CountryCode, p.OrganisationNumber, p.Oid, p.CountyNumber, p.Municipality, p.FirstParticipationYear, ties);
            },
            p => db.Organisations.Add(new Organisation(p.Name, p.Type, p.CountryCode, p.OrganisationNumber, p.Oid, p.CountyNumber, p.Municipality, p.FirstParticipationYear)),
            key => $"Organisasjonen {key} er endret eller slettet av noen andre etter at filen ble lest. Ingenting er lagret. Last opp filen på nytt for en ny forhåndsvisning.",
            (key, reason) => $"Organisasjonen {key} passer ikke lenger med det som er lagret ({reason}). Ingenting er lagret. Last opp filen på nytt.",
            cancellationToken);

    internal static string Serialise(OrganisationPayload payload) => RecordMerge<Organisation, OrganisationPayload>.Serialise(payload);

    internal static OrganisationPayload Deserialise(string payload) => RecordMerge<Organisation, OrganisationPayload>.Deserialise(payload);
}

/// <summary>
/// Checks an organisation row like the organisation form: readable cells, a known country, type and county,
/// then the entity's rules (organisation number, OID, county for Norwegian organisations only). The row finds
/// its saved organisation by OID, else by organisation number, else by name and country. A coordinator
/// registers Norwegian organisations in their own county only (never in a county dissolved in 2024, decision 8)
/// and changes only organisations of their county; a row that changes nothing is never refused for scope.
/// </summary>
public sealed class OrganisationRowChecker(ImportReferenceData data, IReadOnlyDictionary<int, SavedOrganisation> saved, ImportActor actor, HeaderMap map, int maxCellChars)
{
    private readonly RowCells _cells = new(map, OrganisationColumns.All, maxCellChars);
    private readonly Dictionary<string, int> _seenOid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _seenNumber = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _seenExisting = [];
    private readonly Dictionary<(string, string), int> _seenName = [];
    private readonly Dictionary<(string Name, string Country), List<SavedOrganisation>> _byName = saved.Values
        .GroupBy(o => (ImportColumn.Normalise(o.Values.Name), o.Values.CountryCode)).ToDictionary(g => g.Key, g => g.ToList());

    public ImportRecordRow? Check(SheetRow row, List<RowError> errors)
    {
        var cells = _cells.Start(row, errors);

        var name = cells.Text(OrganisationColumns.LegalName);
        if (name is null && cells.Usable(OrganisationColumns.LegalName))
        {
            cells.Fail(OrganisationColumns.LegalName, "Navnet må fylles ut.");
        }

        string? country = null;
        if (cells.Text(OrganisationColumns.Country) is { } countryText)
        {
            country = data.CountryCode(countryText);
            if (country is null)
            {
                cells.Fail(OrganisationColumns.Country, $"Ukjent land «{ImportValues.Shorten(countryText)}» i kolonnen «Land». Bruk landkoden eller landets navn på bokmål eller engelsk. Gyldige landkoder: {data.CountryListing}.");
            }
        }
        else if (cells.Usable(OrganisationColumns.Country))
        {
            cells.Fail(OrganisationColumns.Country, "Landet må fylles ut.");
        }

        OrganisationType? type = null;
        if (cells.Text(OrganisationColumns.Type) is { } typeText)
        {
            type = ImportValues.OrganisationTypeOf(typeText);
            if (type is null)
            {
                cells.Fail(OrganisationColumns.Type, $"Ukjent organisasjonstype «{ImportValues.Shorten(typeText)}». Gyldige verdier: {ImportValues.OrganisationTypes.Listing}.");
            }
        }
        else if (cells.Usable(OrganisationColumns.Type))
        {
            cells.Fail(OrganisationColumns.Type, "Velg en organisasjonstype.");
        }

        var oidText = cells.Text(OrganisationColumns.Oid);
        var oid = oidText is null ? null : OrganisationId.Normalise(oidText);
        if (oid is not null && OrganisationId.Validate(oid) is { } oidProblem)
        {
            cells.Fail(OrganisationColumns.Oid, oidProblem.Message);
            oid = null;
        }

        var numberText = cells.Text(OrganisationColumns.OrganisationNumber);
        var number = numberText is null ? null : Erasmus.Domain.Rules.OrganisationNumber.Normalise(numberText);

        string? county = null;
        if (cells.Text(OrganisationColumns.County) is { } countyText)
        {
            county = data.CountyOf(countyText);
            if (county is null)
            {
                cells.Fail(OrganisationColumns.County, $"Ukjent fylke «{ImportValues.Shorten(countyText)}». Gyldige verdier: {data.CountyListing}.");
            }
        }

        int? firstYear = null;
        if (cells.Usable(OrganisationColumns.FirstParticipationYear) && !map.Cell(row, OrganisationColumns.FirstParticipationYear).IsBlank)
        {
            firstYear = ImportValues.WholeNumber(map.Cell(row, OrganisationColumns.FirstParticipationYear), "Første deltakelsesår", out var yearError);
            if (yearError is not null)
            {
                cells.Fail(OrganisationColumns.FirstParticipationYear, yearError);
            }
        }

        // The saved organisation: by OID, by organisation number, or by name in the country.
        SavedOrganisation? existing = null;
        var byOid = oid is null ? null : data.FindByOid(oid);
        var byNumber = number is null || !ImportReferenceData.LooksLikeOrganisationNumber(number) ? null : data.FindByNumber(number);
        if (byOid is not null && byNumber is not null && byOid.Id != byNumber.Id)
        {
            cells.Fail(OrganisationColumns.OrganisationNumber,
                $"OID {oid} er registrert på «{ImportValues.Shorten(byOid.Name)}», men organisasjonsnummeret {number} på «{ImportValues.Shorten(byNumber.Name)}». Rett den ene.");
        }
        else if ((byOid ?? byNumber) is { } found)
        {
            existing = saved.GetValueOrDefault(found.Id);
        }
        else if (name is not null && country is not null && _byName.TryGetValue((ImportColumn.Normalise(name), country), out var sameName))
        {
            // Only an organisation without the keys the row gives, so a new OID never takes over another organisation.
            var candidates = sameName.Where(o => (oid is null || o.Values.Oid is null) && (number is null || o.Values.OrganisationNumber is null)).ToList();
            if (candidates.Count == 1)
            {
                existing = candidates[0];
            }
            else if (candidates.Count > 1)
            {
                cells.Fail(OrganisationColumns.LegalName, $"Flere registrerte organisasjoner heter «{ImportValues.Shorten(name)}». Fyll ut OID eller organisasjonsnummer for å si hvilken.");
            }
        }

        if (cells.HasErrors || name is null || country is null || type is null)
        {
            return null;
        }

        var before = existing?.Values;
        var norwegian = country == Organisation.Norway;
        var payload = new OrganisationPayload(
            name,
            type.Value,
            country,
            map.Has(OrganisationColumns.OrganisationNumber) ? number : before?.OrganisationNumber,
            map.Has(OrganisationColumns.Oid) ? oid : before?.Oid,
            !norwegian ? null : map.Has(OrganisationColumns.County) ? county : before?.CountyNumber,
            !norwegian ? null : map.Has(OrganisationColumns.City) ? cells.Text(OrganisationColumns.City) : before?.Municipality,
            map.Has(OrganisationColumns.FirstParticipationYear) ? firstYear : before?.FirstParticipationYear);
        // The form drops a foreign organisation's county unseen; a file that names one has a mistake worth showing.
        if (!norwegian && number is not null && map.Has(OrganisationColumns.OrganisationNumber))
        {
            cells.Fail(OrganisationColumns.OrganisationNumber, "Bare norske organisasjoner har organisasjonsnummer.");
        }

        if (!norwegian && county is not null)
        {
            cells.Fail(OrganisationColumns.County, "Bare norske organisasjoner har fylke.");
        }

        if (cells.HasErrors)
        {
            return null;
        }

        try
        {
            _ = new Organisation(payload.Name, payload.Type, payload.CountryCode, payload.OrganisationNumber, payload.Oid, payload.CountyNumber,
                payload.Municipality, payload.FirstParticipationYear);
        }
        catch (DomainException ex)
        {
            foreach (var violation in ex.Violations)
            {
                cells.Fail(ColumnOf(violation.Field), violation.Message);
            }

            return null;
        }

        // Another saved organisation already has the OID or number the row gives this one.
        if (payload.Oid is { } newOid && data.FindByOid(newOid) is { } oidOwner && oidOwner.Id != existing?.Id)
        {
            cells.Fail(OrganisationColumns.Oid, $"OID {newOid} er allerede registrert på {oidOwner.Name}.");
        }

        if (payload.OrganisationNumber is { } newNumber && data.FindByNumber(newNumber) is { } numberOwner && numberOwner.Id != existing?.Id)
        {
            cells.Fail(OrganisationColumns.OrganisationNumber, $"Organisasjonsnummeret {newNumber} er allerede registrert på {numberOwner.Name}.");
        }

        if (cells.HasErrors)
        {
            return null;
        }

        var changes = before is null ? null : Changes(before, payload);
        var outcome = before is null ? RowOutcome.New : changes!.Count > 0 ? RowOutcome.Changed : RowOutcome.Unchanged;
        if (!actor.National && outcome != RowOutcome.Unchanged && ScopeProblem(before, payload) is { } scopeProblem)
        {
            cells.Fail(payload.CountryCode == Organisation.Norway ? OrganisationColumns.County : OrganisationColumns.Country, scopeProblem);
            return null;
        }

        if (Duplicate(payload, existing, row.Number) is { } duplicate)
        {
            cells.Fail(duplicate.Column, duplicate.Message);
            return null;
        }

        return new ImportRecordRow
        {
            RowNumber = row.Number,
            Key = payload.Name.Length <= 300 ? payload.Name : payload.Name[..300],
            ExistingId = existing?.Id,
            ExistingVersion = existing?.Version,
            Outcome = outcome,
            Payload = OrganisationImport.Serialise(payload),
            Changes = changes is { Count: > 0 } ? string.Join("; ", changes) : null,
        };
    }

    /// <summary>Where a coordinator may register or move an organisation (the form's rule, decision 8).</summary>
    private string? ScopeProblem(OrganisationPayload? before, OrganisationPayload after)
    {
        var own = actor.CountyNumber ?? "";
        if (before is not null)
        {
            if (before.CountryCode != Organisation.Norway)
            {
                return $"Organisasjonen {after.Name} er utenlandsk og hører ikke til noe fylke. Bare HK-dir kan endre den.";
            }

            if (!data.ScopeOf([before.CountyNumber]).Contains(own))
            {
                return $"Organisasjonen {after.Name} hører til {data.CountyName(before.CountyNumber)}, ikke ditt fylke ({data.CountyName(own)}). Du kan bare endre organisasjoner i ditt eget fylke.";
            }
        }

        if (after.CountryCode != Organisation.Norway || after.CountyNumber == own || after.CountyNumber == before?.CountyNumber)
        {
            return null;
        }

        return data.Successors.ContainsKey(after.CountyNumber ?? "")
            ? "Organisasjoner i fylker som ble oppløst i 2024, registreres av HK-dir. Velg ditt eget fylke."
            : before is null
                ? "Du kan bare registrere organisasjoner i ditt eget fylke."
                : "Du kan ikke flytte organisasjonen til et annet fylke enn ditt eget.";
    }

    private (ImportColumn Column, string Message)? Duplicate(OrganisationPayload payload, SavedOrganisation? existing, int rowNumber)
    {
        if (payload.Oid is { } oid && _seenOid.TryGetValue(oid, out var oidRow))
        {
            return (OrganisationColumns.Oid, $"OID {oid} står også i rad {oidRow}. Hver organisasjon kan bare stå én gang i filen.");
        }

        if (payload.OrganisationNumber is { } number && _seenNumber.TryGetValue(number, out var numberRow))
        {
            return (OrganisationColumns.OrganisationNumber, $"Organisasjonsnummeret {number} står også i rad {numberRow}. Hver organisasjon kan bare stå én gang i filen.");
        }

        if (existing is not null && _seenExisting.TryGetValue(existing.Id, out var existingRow))
        {
            return (OrganisationColumns.LegalName, $"Organisasjonen {existing.Values.Name} står også i rad {existingRow}. Hver organisasjon kan bare stå én gang i filen.");
        }

        var nameKey = (ImportColumn.Normalise(payload.Name), payload.CountryCode);
        if (existing is null && payload.Oid is null && payload.OrganisationNumber is null && _seenName.TryGetValue(nameKey, out var nameRow))
        {
            return (OrganisationColumns.LegalName, $"Organisasjonen {payload.Name} står også i rad {nameRow}. Hver organisasjon kan bare stå én gang i filen.");
        }

        if (payload.Oid is { } o)
        {
            _seenOid[o] = rowNumber;
        }

        if (payload.OrganisationNumber is { } n)
        {
            _seenNumber[n] = rowNumber;
        }

        if (existing is not null)
        {
            _seenExisting[existing.Id] = rowNumber;
        }

        _seenName.TryAdd(nameKey, rowNumber);
        return null;
    }

    private List<string> Changes(OrganisationPayload before, OrganisationPayload after)
    {
        var changes = new List<string>();
        void Compare(string label, string? old, string? @new)
        {
            if (!string.Equals(old ?? "", @new ?? "", StringComparison.Ordinal))
            {
                changes.Add($"{label}: {(string.IsNullOrEmpty(old) ? "–" : old)} → {(string.IsNullOrEmpty(@new) ? "–" : @new)}");
            }
        }

        Compare("Navn", before.Name, after.Name);
        Compare("Type", DomainText.Of(before.Type), DomainText.Of(after.Type));
        Compare("Land", before.CountryCode, after.CountryCode);
        Compare("Organisasjonsnummer", before.OrganisationNumber, after.OrganisationNumber);
        Compare("OID", before.Oid, after.Oid);
        Compare("Fylke", before.CountyNumber is null ? null : data.CountyName(before.CountyNumber), after.CountyNumber is null ? null : data.CountyName(after.CountyNumber));
        Compare("Kommune", before.Municipality, after.Municipality);
        Compare("Første deltakelsesår", before.FirstParticipationYear?.ToString(CultureInfo.InvariantCulture), after.FirstParticipationYear?.ToString(CultureInfo.InvariantCulture));
        return changes;
    }

    private static ImportColumn ColumnOf(string field) => field switch
    {
        nameof(Organisation.Name) => OrganisationColumns.LegalName,
        nameof(Organisation.CountryCode) => OrganisationColumns.Country,
        nameof(Organisation.OrganisationNumber) => OrganisationColumns.OrganisationNumber,
        nameof(Organisation.Oid) => OrganisationColumns.Oid,
        nameof(Organisation.CountyNumber) => OrganisationColumns.County,
        nameof(Organisation.Municipality) => OrganisationColumns.City,
        nameof(Organisation.FirstParticipationYear) => OrganisationColumns.FirstParticipationYear,
        _ => OrganisationColumns.LegalName,
    };
}
