using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Import.Reading;
using Erasmus.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Import;

/// <summary>The columns of the accreditation import: one row per accreditation, its consortium members in one cell.</summary>
public static class AccreditationColumns
{
    public static readonly ImportColumn Code = new("Code", "Accreditation Code", "Akkrediteringsnummer", true,
        "Akkrediteringsnummeret, ÅÅÅÅ-R-NO01-KA120-SEK-NNNNNNNNN. Kjenner igjen akkrediteringen ved ny import.", "2020-1-NO01-KA120-VET-095178",
        "Accreditation Number", "Accreditation ID", "Accreditation Reference", "Project Reference", "Akkrediteringskode", "Kode");

    public static readonly ImportColumn Sector = new("Sector", "Sector", "Sektor", false,
        "SCH, VET eller ADU; må stemme med akkrediteringsnummeret. Tom: sektoren i nummeret.", "VET", "Field", "Sector Code");

    public static readonly ImportColumn Holder = new("Holder", "Holder OID", "Innehaver (OID)", true,
        "Innehaverens OID eller organisasjonsnummer (eller registrerte navn). Organisasjonen må være registrert og norsk.", "E10123456",
        "Holder", "Accreditation Holder", "Applicant OID", "Beneficiary OID", "Coordinator OID", "Organisation OID", "Innehaver", "Innehaver OID");

    public static readonly ImportColumn Consortium = new("Consortium", "Consortium", "Konsortium", false,
        "Yes/No (Ja/Nei). Tom: ja når det er oppgitt medlemmer, ellers nei; en lagret verdi beholdes.", "No", "Is Consortium", "Consortium Accreditation");

    public static readonly ImportColumn ValidFrom = new("ValidFrom", "Valid From", "Gyldig fra", true,
        "En dato (datocelle, ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ).", "2021-03-01", "Start Date", "Startdato", "Validity Start");

    public static readonly ImportColumn ValidTo = new("ValidTo", "Valid To", "Gyldig til", false,
        "En dato, ikke før gyldig fra. Tom: uten sluttdato.", "2027-12-31", "End Date", "Sluttdato", "Validity End");

    public static readonly ImportColumn Status = new("Status", "Status", "Status", false,
        "Active, Suspended, Withdrawn eller Expired (Aktiv, Suspendert, Trukket tilbake, Utløpt). Tom: aktiv; en lagret status beholdes.", "Active", "Accreditation Status");

    public static readonly ImportColumn DecisionDate = new("DecisionDate", "Decision Date", "Vedtaksdato", true,
        "Datoen akkrediteringen ble tildelt.", "2021-02-15", "Award Date", "Grant Decision Date", "Vedtak");

    public static readonly ImportColumn Members = new("Members", "Consortium Members", "Konsortiemedlemmer", false,
        "Medlemmenes OID-er eller organisasjonsnumre (eller registrerte navn), skilt med semikolon. Bare for konsortier; norske organisasjoner. Tom: ingen.",
        "E10654321; 974760673", "Members", "Member OIDs", "Consortium Member OIDs", "Medlemmer");

    public static readonly IReadOnlyList<ImportColumn> All = [Code, Sector, Holder, Consortium, ValidFrom, ValidTo, Status, DecisionDate, Members];
}

public sealed record AccreditationPayload(string Code, Sector Sector, int HolderId, bool IsConsortium, DateOnly ValidFrom, DateOnly? ValidTo,
    AccreditationStatus Status, DateOnly DecisionDate, int[] Members);

public sealed record SavedAccreditation(int Id, uint Version, AccreditationPayload Values);

/// <summary>The import of accreditations with their consortium members: the same two steps as the other kinds.</summary>
public static class AccreditationImport
{
    internal static async Task<(int Total, HeaderMap Header)> StageAsync(ErasmusDbContext db, ImportBatch batch, IEnumerable<(SheetRow Row, HeaderMap Header)> rows,
        ImportReferenceData data, ImportActor actor, int maxCellChars, List<RowError> errors, CancellationToken cancellationToken)
    {
        var accreditations = await db.Accreditations.AsNoTracking().Include(a => a.Members).ToListAsync(cancellationToken);
        var saved = accreditations.ToDictionary(a => a.Code, a => new SavedAccreditation(a.Id, a.Version,
            new AccreditationPayload(a.Code, a.Sector, a.HolderId, a.IsConsortium, a.ValidFrom, a.ValidTo, a.Status, a.DecisionDate,
                [.. a.Members.Select(m => m.OrganisationId).Order()])), StringComparer.Ordinal);
        HeaderMap? header = null;
        AccreditationRowChecker? checker = null;
        var total = 0;
        var staged = new List<ImportRecordRow>();
        foreach (var (row, map) in rows)
        {
            header ??= map;
            checker ??= new AccreditationRowChecker(data, saved, actor, map, maxCellChars);
            total++;
            if (checker.Check(row, errors) is { } result)
            {
                result.BatchId = batch.Id;
                staged.Add(result);
            }
        }

        db.Set<ImportRecordRow>().AddRange(staged);
        await db.SaveChangesAsync(cancellationToken);
        return (total, header!);
    }

    internal static Task<(int Inserted, int Updated, string[] Keys)> MergeAsync(ErasmusDbContext db, ImportBatch batch, CancellationToken cancellationToken) =>
        new RecordMerge<Accreditation, AccreditationPayload>(db, batch).RunAsync(
            async ids => await db.Accreditations.Include(a => a.Members).Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken),
            (accreditation, p) =>
            {
                // Members first when the accreditation stops being a consortium, so the entity's rule sees the new members.
                if (!p.IsConsortium)
                {
                    accreditation.SetMembers([]);
                }

                accreditation.Update(p.Code, p.Sector, p.HolderId, p.IsConsortium, p.ValidFrom, p.ValidTo, p.Status, p.DecisionDate);
                accreditation.SetMembers(p.Members);
                db.Entry(accreditation).Property(a => a.UpdatedAt).IsModified = true;
                return Task.CompletedTask;
            },
            p =>
            {
                var accreditation = new Accreditation(p.Code, p.Sector, p.HolderId, p.IsConsortium, p.ValidFrom, p.ValidTo, p.Status, p.DecisionDate);
                accreditation.SetMembers(p.Members);
                db.Accreditations.Add(accreditation);
            },
            key => $"Akkrediteringen {key} er endret eller slettet av noen andre etter at filen ble lest. Ingenting er lagret. Last opp filen på nytt for en ny forhåndsvisning.",
            (key, reason) => $"Akkrediteringen {key} passer ikke lenger med det som er lagret ({reason}). Ingenting er lagret. Last opp filen på nytt.",
            cancellationToken);

    internal static string Serialise(AccreditationPayload payload) => RecordMerge<Accreditation, AccreditationPayload>.Serialise(payload);

    internal static AccreditationPayload Deserialise(string payload) => RecordMerge<Accreditation, AccreditationPayload>.Deserialise(payload);
}

/// <summary>
/// Checks an accreditation row like the accreditation form: a valid code, sector, dates and status; a
/// registered Norwegian holder and Norwegian members; members only for a consortium; then the entity's rules.
/// A coordinator imports accreditations whose holder is in their county, and adds members from it only.
/// </summary>
public sealed class AccreditationRowChecker(ImportReferenceData data, IReadOnlyDictionary<string, SavedAccreditation> saved, ImportActor actor, HeaderMap map, int maxCellChars)
{
    private static readonly char[] ListSeparators = [';', '\n'];
    private readonly RowCells _cells = new(map, AccreditationColumns.All, maxCellChars);
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    public ImportRecordRow? Check(SheetRow row, List<RowError> errors)
    {
        var cells = _cells.Start(row, errors);

        var code = cells.RequiredText(AccreditationColumns.Code, "Akkrediteringsnummeret må fylles ut.")?.ToUpperInvariant();
        AccreditationCode? parsedCode = null;
        if (code is not null && AccreditationCode.TryParse(code, out parsedCode))
        {
            code = parsedCode.ToString();
        }
        else if (code is not null)
        {
            cells.Fail(AccreditationColumns.Code, AccreditationCode.Validate(code)!.Message);
        }

        var before = code is null ? null : saved.GetValueOrDefault(code);

        Sector? sector = null;
        if (cells.Text(AccreditationColumns.Sector) is { } sectorText)
        {
            sector = ImportValues.SectorOf(sectorText);
            if (sector is null)
            {
                cells.Fail(AccreditationColumns.Sector, $"Ukjent sektor «{ImportValues.Shorten(sectorText)}». Gyldige verdier: {ImportValues.Sectors.Listing}.");
            }
        }
        else if (parsedCode is not null && Enum.TryParse<Sector>(parsedCode.Sector, out var fromCode))
        {
            sector = fromCode;
        }

        OrganisationInfo? holder = null;
        if (cells.Text(AccreditationColumns.Holder) is { } holderText)
        {
            holder = Organisation(holderText, AccreditationColumns.Holder, out var holderError);
            if (holderError is not null)
            {
                cells.Fail(AccreditationColumns.Holder, holderError);
            }
            else if (holder!.CountryCode != Erasmus.Domain.Entities.Organisation.Norway)
            {
                cells.Fail(AccreditationColumns.Holder, "Innehaveren må være en norsk organisasjon.");
                holder = null;
            }
        }
        else if (cells.Usable(AccreditationColumns.Holder))
        {
            cells.Fail(AccreditationColumns.Holder, "Innehaveren må fylles ut: OID eller organisasjonsnummer.");
        }

        var validFrom = cells.Date(AccreditationColumns.ValidFrom, "Gyldig fra", required: true);
        var validTo = map.Has(AccreditationColumns.ValidTo) ? cells.Date(AccreditationColumns.ValidTo, "Gyldig til", required: false) : before?.Values.ValidTo;
        var decision = cells.Date(AccreditationColumns.DecisionDate, "Vedtaksdato", required: true);

        var status = before?.Values.Status ?? AccreditationStatus.Active;
        if (cells.Text(AccreditationColumns.Status) is { } statusText)
        {
            if (ImportValues.AccreditationStatusOf(statusText) is { } parsedStatus)
            {
                status = parsedStatus;
            }
            else
            {
                cells.Fail(AccreditationColumns.Status, $"Ukjent status «{ImportValues.Shorten(statusText)}». Gyldige verdier: {ImportValues.AccreditationStatuses.Listing}.");
            }
        }

        var members = before is not null && !map.Has(AccreditationColumns.Members) ? [.. before.Values.Members] : Members();
        bool consortium;
        if (cells.Text(AccreditationColumns.Consortium) is not null)
        {
            consortium = ImportValues.Flag(cells.Cell(AccreditationColumns.Consortium), "Konsortium", out var flagError);
            if (flagError is not null)
            {
                cells.Fail(AccreditationColumns.Consortium, flagError);
            }
        }
        else
        {
            consortium = members.Count > 0 || (before?.Values.IsConsortium ?? false);
        }

        if (holder is not null && members.Remove(holder.Id))
        {
            cells.Fail(AccreditationColumns.Members, "Innehaveren kan ikke også være konsortiemedlem. Fjern den fra medlemmene.");
        }

        if (members.Count > 0 && !consortium)
        {
            cells.Fail(AccreditationColumns.Members, "Bare et konsortium kan ha medlemmer.");
        }

        if (cells.HasErrors || code is null || sector is null || holder is null || validFrom is null || decision is null)
        {
            return null;
        }

        var payload = new AccreditationPayload(code, sector.Value, holder.Id, consortium, validFrom.Value, validTo, status, decision.Value, [.. members.Order()]);
        try
        {
            var accreditation = new Accreditation(payload.Code, payload.Sector, payload.HolderId, payload.IsConsortium, payload.ValidFrom, payload.ValidTo,
                payload.Status, payload.DecisionDate);
            accreditation.SetMembers(payload.Members);
        }
        catch (DomainException ex)
        {
            foreach (var violation in ex.Violations)
            {
                cells.Fail(ColumnOf(violation.Field), violation.Message);
            }

            return null;
        }

        var changes = before is null ? null : Changes(before.Values, payload);
        var outcome = before is null ? RowOutcome.New : changes!.Count > 0 ? RowOutcome.Changed : RowOutcome.Unchanged;
        if (!actor.National && outcome != RowOutcome.Unchanged)
        {
            var own = actor.CountyNumber ?? "";
            var beforeHolder = before is null ? null : data.Organisations.GetValueOrDefault(before.Values.HolderId);
            if (beforeHolder is not null && !data.ScopeOf([beforeHolder.CountyNumber]).Contains(own))
            {
                cells.Fail(AccreditationColumns.Code, $"Akkrediteringen {code} hører til {data.CountyName(beforeHolder.CountyNumber)}, ikke ditt fylke ({data.CountyName(own)}). Du kan bare importere akkrediteringer i ditt eget fylke.");
                return null;
            }

            if (holder.Id != before?.Values.HolderId && !data.ScopeOf([holder.CountyNumber]).Contains(own))
            {
                cells.Fail(AccreditationColumns.Holder, before is null
                    ? "Du kan bare registrere akkrediteringer for organisasjoner i ditt eget fylke."
                    : "Du kan ikke flytte akkrediteringen til en innehaver utenfor ditt eget fylke.");
                return null;
            }

            var added = payload.Members.Where(m => before?.Values.Members.Contains(m) != true).Select(m => data.Organisations[m]);
            if (added.Any(m => !data.ScopeOf([m.CountyNumber]).Contains(own)))
            {
                cells.Fail(AccreditationColumns.Members, "Du kan bare velge konsortiemedlemmer i ditt eget fylke.");
                return null;
            }
        }

        if (_seen.TryGetValue(code, out var earlier))
        {
            cells.Fail(AccreditationColumns.Code, $"Akkrediteringen {code} står også i rad {earlier}. Hver akkreditering kan bare stå én gang i filen.");
            return null;
        }

        _seen[code] = row.Number;
        return new ImportRecordRow
        {
            RowNumber = row.Number,
            Key = code,
            ExistingId = before?.Id,
            ExistingVersion = before?.Version,
            Outcome = outcome,
            Payload = AccreditationImport.Serialise(payload),
            Changes = changes is { Count: > 0 } ? string.Join("; ", changes) : null,
        };

        List<int> Members()
        {
            var result = new List<int>();
            foreach (var item in (cells.Text(AccreditationColumns.Members) ?? "").Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var member = Organisation(item, AccreditationColumns.Members, out var error);
                if (member is null)
                {
                    cells.Fail(AccreditationColumns.Members, error ?? $"Fant ikke medlemmet «{ImportValues.Shorten(item)}».");
                }
                else if (member.CountryCode != Erasmus.Domain.Entities.Organisation.Norway)
                {
                    cells.Fail(AccreditationColumns.Members, "Konsortiemedlemmer må være norske organisasjoner.");
                }
                else
                {
                    result.Add(member.Id);
                }
            }

            return [.. result.Distinct()];
        }
    }

    /// <summary>By OID or organisation number; a name otherwise (registered in Norway).</summary>
    private OrganisationInfo? Organisation(string text, ImportColumn column, out string? error)
    {
        var isKey = ImportReferenceData.IsOrganisationKey(text);
        return data.FindOrganisation(isKey ? text : null, isKey ? null : text, isKey ? null : Erasmus.Domain.Entities.Organisation.Norway, out error);
    }

    private List<string> Changes(AccreditationPayload before, AccreditationPayload after)
    {
        var changes = new List<string>();
        void Compare(string label, string? old, string? @new)
        {
            if (!string.Equals(old ?? "", @new ?? "", StringComparison.Ordinal))
            {
                changes.Add($"{label}: {(string.IsNullOrEmpty(old) ? "–" : old)} → {(string.IsNullOrEmpty(@new) ? "–" : @new)}");
            }
        }

        string Name(int id) => data.Organisations.TryGetValue(id, out var o) ? o.Name : id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string Date(DateOnly? date) => date?.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture) ?? "";
        Compare("Sektor", before.Sector.ToString(), after.Sector.ToString());
        Compare("Innehaver", Name(before.HolderId), Name(after.HolderId));
        Compare("Konsortium", before.IsConsortium ? "Ja" : "Nei", after.IsConsortium ? "Ja" : "Nei");
        Compare("Gyldig fra", Date(before.ValidFrom), Date(after.ValidFrom));
        Compare("Gyldig til", Date(before.ValidTo), Date(after.ValidTo));
        Compare("Status", DomainText.Of(before.Status), DomainText.Of(after.Status));
        Compare("Vedtaksdato", Date(before.DecisionDate), Date(after.DecisionDate));
        Compare("Medlemmer", string.Join(", ", before.Members.Select(Name).Order(StringComparer.Ordinal)), string.Join(", ", after.Members.Select(Name).Order(StringComparer.Ordinal)));
        return changes;
    }

    private static ImportColumn ColumnOf(string field) => field switch
    {
        nameof(Accreditation.Code) => AccreditationColumns.Code,
        nameof(Accreditation.Sector) => AccreditationColumns.Sector,
        nameof(Accreditation.ValidFrom) => AccreditationColumns.ValidFrom,
        nameof(Accreditation.ValidTo) => AccreditationColumns.ValidTo,
        nameof(Accreditation.DecisionDate) => AccreditationColumns.DecisionDate,
        nameof(Accreditation.IsConsortium) => AccreditationColumns.Consortium,
        "MemberIds" => AccreditationColumns.Members,
        _ => AccreditationColumns.Code,
    };
}
