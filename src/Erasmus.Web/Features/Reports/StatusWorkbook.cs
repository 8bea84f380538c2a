using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using ExtendedProperties = DocumentFormat.OpenXml.ExtendedProperties;

namespace Erasmus.Web.Features.Reports;

/// <summary>What the workbook needs besides the figures: when it was made, the language, county names, and the rows per data sheet.</summary>
public sealed record StatusWorkbookOptions(
    DateTime GeneratedAt,
    bool English = false,
    IReadOnlyDictionary<string, string>? CountyNames = null,
    int RowLimit = StatusWorkbook.MaxDataRows)
{
    /// <summary>Activity type and country names by code, in the workbook's language (the code where a name is missing).</summary>
    public IReadOnlyDictionary<string, string>? ActivityNames { get; init; }

    public IReadOnlyDictionary<string, string>? CountryNames { get; init; }

    /// <summary>The English text of a bokmål key from the resources, through the app's localizer (English workbooks only).</summary>
    public required Func<string, string> Translate { get; init; }

    /// <summary>The counties' rates per 1 000 and ranks for the county sheet; null without population figures.</summary>
    public Attainment.CountyRates? CountyRates { get; init; }

    /// <summary>The higher-education targets' rates per institution for the county sheet's own section; null or empty without figures.</summary>
    public IReadOnlyDictionary<string, Attainment.InstitutionRateTable>? InstitutionRates { get; init; }
}

/// <summary>
/// The annual status report as an .xlsx workbook, written from an <see cref="AttainmentResult"/> (live
/// or frozen in a snapshot), the county matrix and a source of the counted records.
/// <para>
/// Every worksheet is streamed with <see cref="OpenXmlWriter"/> into a compressed temporary file, so a
/// data sheet of a million rows never sits in memory. The Open XML SDK then builds the package around
/// them (workbook, styles, properties, content types) with an empty placeholder per sheet, and the
/// final zip is assembled entry by entry, the placeholders replaced by the streamed sheets. Writing the
/// big parts through the SDK's package directly would not do: on .NET its zip keeps every part it
/// writes uncompressed in memory until the package closes (dotnet/Open-XML-SDK#807).
/// </para>
/// </summary>
public sealed class StatusWorkbook : IDisposable
{
    /// <summary>Excel's 1 048 576 rows, less the header row.</summary>
    public const int MaxDataRows = 1_048_575;

    /// <summary>Excel's longest sheet name.</summary>
    public const int MaxSheetName = 31;

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private readonly AttainmentResult _result;
    private readonly CountyMatrix _matrix;
    private readonly StatusWorkbookOptions _options;
    private readonly WorkbookText _t;
    private readonly List<SheetPart> _sheets = [];
    private readonly PageText _page;
    private readonly List<PlacedChart> _charts = [];
    private SheetPart? _figureSheet;

    private StatusWorkbook(AttainmentResult result, CountyMatrix matrix, StatusWorkbookOptions options)
    {
        if (options.RowLimit is < 1 or > MaxDataRows)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"RowLimit must be between 1 and {MaxDataRows}.");
        }

        _result = result;
        _matrix = matrix;
        _options = options;
        _t = new WorkbookText(options.English, options.Translate);
        _page = PageHeader();
    }

    private AttainmentParameters Parameters => _result.Parameters;

    /// <summary>Writes the workbook to <paramref name="output"/> (written synchronously; use a file or memory stream, not a response body).</summary>
    public static async Task WriteAsync(AttainmentResult result, CountyMatrix matrix, IStatusRowSource rows, Stream output, StatusWorkbookOptions options,
        CancellationToken cancellationToken = default)
    {
        using var workbook = new StatusWorkbook(result, matrix, options);
        workbook.WriteSummary();
        workbook.WriteMobility();
        workbook.WriteTargetArea(workbook._t.T["Partnerskap"], TargetArea.Partnerships, organisationLists: true);
        workbook.WriteTargetArea(workbook._t.T["Samfunnsutfordringer"], TargetArea.Societal, organisationLists: false);
        workbook.WriteCounties();
        workbook.WriteCountyFigures();
        workbook.WriteFigures();
        workbook.WriteByYear();
        workbook.WriteMethod();
        await workbook.WriteProjectsAsync(rows, cancellationToken);
        await workbook.WriteMobilitiesAsync(rows, cancellationToken);
        workbook.Assemble(output);
    }

    public void Dispose()
    {
        foreach (var sheet in _sheets)
        {
            sheet.Dispose();
        }
    }

    /// <summary>The parameters, then every target with its figures and status in words.</summary>
    private void WriteSummary()
    {
        const int headerRow = 10;
        var sheet = Sheet(_t.T["Sammendrag"], new SheetLayout([50, 16, 11, 11, 9, 9, 11, 11, 12, 10, 12, 15, 28], headerRow) { Landscape = true, OnePage = true });
        var w = sheet.Writer;
        w.BeginRow().Text(_t.T["Statusrapport for Erasmus+ – måloppnåelse mot den nasjonale strategien"], CellStyle.Title);
        w.BeginRow().Text(_t.T["rapport|Per dato"], CellStyle.Bold).Date(Parameters.AsOf);
        w.BeginRow().Text(_t.T["Grunnlag"], CellStyle.Bold).Text(_t.Basis(Parameters.Basis));
        w.BeginRow().Text(_t.T["Fylke"], CellStyle.Bold).Text(Parameters.County is { } county ? $"{CountyName(county)} ({county})" : _t.T["rapport|Hele landet"]);
        w.BeginRow().Text(_t.T["Sektor"], CellStyle.Bold).Text(Parameters.Sector is { } sector ? _t.Sector(sector) : _t.T["Alle sektorer"]);
        w.BeginRow().Text(_t.T["Fylkesstruktur"], CellStyle.Bold)
            .Text(Parameters.Structure == CountyStructureChoice.Today ? _t.T["Dagens"] : _t.T["rapport|På datoen"]);
        w.BeginRow().Text(_t.T["Laget"], CellStyle.Bold).DateTime(_options.GeneratedAt);
        w.BeginRow().Text(_t.T["Kilde"], CellStyle.Bold).Text(_t.T["Erasmus+ deltakelse (HK-dir); reglene står i fanen «Metode»."]);
        w.BlankRow();
        w.BeginRow();
        foreach (var header in new[]
                 {
                     _t.T["Mål"], _t.T["Område"], _t.T["Målverdi"], _t.T["Verdi"],
                     _t.T["Teller"], _t.T["Nevner"], _t.T["Prosent av mål"], _t.T["rapport|Forventet nå"],
                     _t.T["Fremskrevet 2027"], _t.T["Nås innen 2027"], _t.T["Nødvendig tempo per år"],
                     _t.T["Status"], _t.T["Kode"],
                 })
        {
            w.Text(header, CellStyle.Header);
        }

        foreach (var target in _result.Targets)
        {
            w.BeginRow().Text(_t.Title(target.Target), CellStyle.Wrapped).Text(_t.Area(target.Target.Area));
            Figure(w, target.TargetValue, target.IsShare);
            Figure(w, target.Value, target.IsShare);
            w.Number(target.Numerator).Number(target.Denominator).Percent(target.PercentOfTarget);
            Figure(w, target.ExpectedByNow, target.IsShare);
            Figure(w, target.ProjectedAt2027, target.IsShare);
            w.Text(target.WillBeMet is { } met ? _t.YesNo(met) : null);
            w.Count(target.RequiredYearlyPace).Text(_t.Status(target.Status)).Text(target.Target.Code);
        }

        StatusColours(w, "L", headerRow + 1, w.RowCount);
        sheet.Finish(SheetWriter.Range(headerRow, w.RowCount, 13));
    }

    /// <summary>Laid out like table 4.1 of the 2021 report: category, target for the period, status, percent.</summary>
    private void WriteMobility()
    {
        const int headerRow = 4;
        var sheet = Sheet(_t.T["Mobilitet"], new SheetLayout([62, 18, 18, 12], headerRow) { OnePage = true });
        var w = sheet.Writer;
        w.BeginRow().Text(string.Format(_t.Culture, _t.T["Tabell 4.1 Mobilitet – mål og status per {0}"], _t.LongDate(Parameters.AsOf)), CellStyle.Title);
        w.BeginRow().Text(Parameters.Basis == CountingBasis.Awarded
            ? _t.T["Tallene reflekterer tildelte mobiliteter. Det endelige antallet som reiser ut, kan derfor bli flere eller færre."]
            : _t.T["Tallene reflekterer gjennomførte mobiliteter som var avsluttet på datoen."]);
        w.BlankRow();
        w.BeginRow().Text(_t.T["Mobilitet"], CellStyle.Header).Text(_t.T["Mål i programperioden"], CellStyle.Header)
            .Text(string.Format(_t.Culture, _t.T["Status {0}"], _t.MonthAndYear(Parameters.AsOf)), CellStyle.Header)
            .Text(_t.T["Prosent"], CellStyle.Header);
        foreach (var target in _result.Targets.Where(t => t.Target.Area == TargetArea.Mobility))
        {
            w.BeginRow().Text(_t.Title(target.Target), CellStyle.Wrapped);
            Figure(w, target.TargetValue, target.IsShare);
            Figure(w, target.Value, target.IsShare);
            w.Percent(target.PercentOfTarget);
        }

        sheet.Finish(SheetWriter.Range(headerRow, w.RowCount, 4));
    }

    /// <summary>The targets of one area; for partnerships also the organisations the organisation targets count.</summary>
    private void WriteTargetArea(string name, TargetArea area, bool organisationLists)
    {
        const int headerRow = 3;
        var sheet = Sheet(name, new SheetLayout([62, 12, 12, 10, 10, 12, 18, 30], headerRow) { Landscape = true });
        var w = sheet.Writer;
        w.BeginRow().Text(string.Format(_t.Culture, _t.T["{0} per {1} ({2} grunnlag)"], name, _t.LongDate(Parameters.AsOf),
            _t.Basis(Parameters.Basis).ToLower(_t.Culture)), CellStyle.Title);
        w.BlankRow();
        w.BeginRow();
        foreach (var header in new[]
                 {
                     _t.T["Mål"], _t.T["Målverdi"], _t.T["Verdi"], _t.T["Teller"],
                     _t.T["Nevner"], _t.T["Prosent av mål"], _t.T["Status"], _t.T["Kode"],
                 })
        {
            w.Text(header, CellStyle.Header);
        }

        var targets = _result.Targets.Where(t => t.Target.Area == area).ToList();
        foreach (var target in targets)
        {
            w.BeginRow().Text(_t.Title(target.Target), CellStyle.Wrapped);
            Figure(w, target.TargetValue, target.IsShare);
            Figure(w, target.Value, target.IsShare);
            w.Number(target.Numerator).Number(target.Denominator).Percent(target.PercentOfTarget).Text(_t.Status(target.Status)).Text(target.Target.Code);
        }

        var tableEnd = w.RowCount;
        StatusColours(w, "G", headerRow + 1, tableEnd);
        if (organisationLists)
        {
            foreach (var target in targets.Where(t => CountedRecords.IsOrganisationTarget(t.Target)))
            {
                w.BlankRow();
                w.BeginRow().Text(string.Format(_t.Culture, _t.T["{0}: organisasjonene som telles"],
                    _t.Title(target.Target)), CellStyle.Bold);
                w.BeginRow().Text(_t.T["Organisasjon"], CellStyle.Header).Text(_t.T["Fylke"], CellStyle.Header)
                    .Text(_t.T["Utlysningsår"], CellStyle.Header).Text(_t.T["rapport|Teller"], CellStyle.Header);
                foreach (var item in target.CountedItems.Where(i => i.Item.Kind == "organisation"))
                {
                    w.BeginRow().Text(item.Item.Label).Text(CountyName(item.CountyNumber)).Number(item.CallYear, CellStyle.Default).Number(item.Numerator);
                }
            }
        }

        sheet.Finish(SheetWriter.Range(headerRow, tableEnd, 8));
    }

    /// <summary>The county × sector accreditation matrix of the county authorities in force on the date.</summary>
    private void WriteCounties()
    {
        var countyTargets = _result.Targets.Where(t => t.Target.Area == TargetArea.Counties).ToList();
        var headerRow = 4 + countyTargets.Count;
        var sectors = DomainVocabulary.AccreditationSectors;
        var sheet = Sheet(_t.T["Fylker"], new SheetLayout([26, 36, .. sectors.Select(_ => 14.0), 14, 16, 12], headerRow) { Landscape = true });
        var w = sheet.Writer;
        w.BeginRow().Text(string.Format(_t.Culture, _t.T["Fylkeskommunenes akkrediteringer per sektor per {0}"],
            _t.LongDate(_matrix.AsOf)), CellStyle.Title);
        w.BeginRow().Text(string.Format(_t.Culture, _t.T["{0} av {1} fylkeskommuner er akkreditert i minst to sektorer, og {2} i én."], _matrix.WithTwoOrMore, _matrix.Rows.Count, _matrix.WithExactlyOne));
        foreach (var target in countyTargets)
        {
            w.BeginRow().Text(_t.Title(target.Target)).Skip();
            Figure(w, target.Value, target.IsShare);
            w.Text(_t.Status(target.Status));
            StatusColours(w, "D", w.RowCount, w.RowCount);
        }

        w.BlankRow();

        w.BeginRow().Text(_t.T["Fylke"], CellStyle.Header).Text(_t.T["Fylkeskommune"], CellStyle.Header);
        foreach (var sector in sectors)
        {
            w.Text(_t.Sector(sector), CellStyle.Header);
        }

        w.Text(_t.T["Antall sektorer"], CellStyle.Header).Text(_t.T["Minst to sektorer"], CellStyle.Header)
            .Text(_t.T["Fylkesnummer"], CellStyle.Header);
        foreach (var row in _matrix.Rows)
        {
            w.BeginRow().Text(row.CountyName).Text(row.AuthorityName);
            foreach (var sector in sectors)
            {
                w.Text(_t.YesNo(row.Sectors.TryGetValue(sector, out var held) && held));
            }

            w.Number(row.SectorCount).Text(_t.YesNo(!row.BelowTwoSectors)).Text(row.CountyNumber);
        }

        sheet.Finish(SheetWriter.Range(headerRow, w.RowCount, 5 + sectors.Length));
    }

    private void WriteCountyFigures()
    {
        var sheet = Sheet(CountySheet.Name(_t), CountySheet.Layout);
        sheet.Finish(CountySheet.Write(sheet.Writer, _result, _options.CountyRates, _t, _options.InstitutionRates));
    }

    /// <summary>
    /// The figures of the report (<see cref="StatusFigures"/>): each one's data as a small table, and a
    /// native chart drawn from those cells under it; a page break keeps a table and its chart together.
    /// </summary>
    private void WriteFigures()
    {
        const int rowsPerPage = 36;
        var figures = StatusFigures.Build(_result, _matrix, _t);
        var seriesColumns = Math.Max(1, figures.Select(f => f.Series.Count).DefaultIfEmpty(1).Max());
        var name = _t.T["Figurer"];
        var sheet = Sheet(name, new SheetLayout([56, .. Enumerable.Repeat(18.0, seriesColumns), 30]) { Landscape = true });
        _figureSheet = sheet;
        var w = sheet.Writer;
        w.BeginRow().Text(string.Format(_t.Culture, _t.T["Figurer per {0}"], _t.LongDate(Parameters.AsOf)), CellStyle.Title);
        w.BeginRow().Text(_t.T["Figurene tegnes fra tabellene over dem: endres et tall, tegnes figuren på nytt."]);
        var pageRows = w.RowCount;
        foreach (var figure in figures)
        {
            var chartRows = Math.Clamp(8 + (int)Math.Ceiling(figure.Categories.Count * (figure.Stacked || figure.Columns ? 1.2 : figure.Series.Count * 0.8)), 14, rowsPerPage - 6);
            var blockRows = 3 + figure.Categories.Count + chartRows;
            if (pageRows + blockRows > rowsPerPage)
            {
                w.PageBreak();
                pageRows = 0;
            }

            var start = w.RowCount;
            w.BlankRow();
            w.BeginRow().Text($"{_t.T["Figur"]} {figure.Number} {figure.Title}", CellStyle.Bold);
            var headerRow = w.BeginRow().RowCount;
            w.Text(figure.CategoryHeader, CellStyle.Header);
            foreach (var series in figure.Series)
            {
                w.Text(series.Name, CellStyle.Header);
            }

            for (var i = figure.Series.Count; i < seriesColumns; i++)
            {
                w.Skip();
            }

            if (figure.Codes is not null)
            {
                w.Text(_t.T["Kode"], CellStyle.Header);
            }

            for (var c = 0; c < figure.Categories.Count; c++)
            {
                w.BeginRow().Text(figure.Categories[c], CellStyle.Wrapped);
                foreach (var series in figure.Series)
                {
                    if (figure.Percent)
                    {
                        w.Percent(series.Values[c]);
                    }
                    else
                    {
                        w.Number(series.Values[c]);
                    }
                }

                for (var i = figure.Series.Count; i < seriesColumns; i++)
                {
                    w.Skip();
                }

                if (figure.Codes is { } codes)
                {
                    w.Text(codes[c]);
                }
            }

            _charts.Add(new PlacedChart(figure, name, headerRow, headerRow + 1, w.RowCount + 2, chartRows, Math.Min(1 + seriesColumns, 5)));
            w.SkipRows(chartRows + 1);
            pageRows += w.RowCount - start;
        }

        if (_charts.Count > 0)
        {
            w.DrawingId = WorkbookCharts.DrawingRelationshipId;
        }

        sheet.Finish();
    }

    /// <summary>Each target's value per call year and per start year (shares: that year's share).</summary>
    private void WriteByYear()
    {
        const int headerRow = 2;
        var years = _result.Targets.SelectMany(t => t.ByCallYear.Concat(t.ByStartYear)).Select(p => p.Year)
            .Concat(Enumerable.Range(DomainVocabulary.FirstCallYear, DomainVocabulary.LastCallYear - DomainVocabulary.FirstCallYear + 1))
            .Distinct().Order().ToList();
        var sheet = Sheet(_t.T["Per år"], new SheetLayout([60, .. years.Select(_ => 10.0), 30], headerRow) { Landscape = true });
        var w = sheet.Writer;

        void Block(string title, Func<TargetResult, IReadOnlyList<SeriesPoint>> series)
        {
            w.BeginRow().Text(title, CellStyle.Title);
            w.BeginRow().Text(_t.T["Mål"], CellStyle.Header);
            foreach (var year in years)
            {
                w.Number(year, CellStyle.Header);
            }

            w.Text(_t.T["Kode"], CellStyle.Header);
            foreach (var target in _result.Targets)
            {
                w.BeginRow().Text(_t.Title(target.Target), CellStyle.Wrapped);
                var byYear = series(target).ToDictionary(p => p.Year, p => p.Value);
                foreach (var year in years)
                {
                    if (byYear.TryGetValue(year, out var value))
                    {
                        Figure(w, value, target.IsShare);
                    }
                    else
                    {
                        w.Skip();
                    }
                }

                w.Text(target.Target.Code);
            }
        }

        Block(_t.T["Etter utlysningsår (verdien for året; andeler i prosent)"], t => t.ByCallYear);
        var firstBlockEnd = w.RowCount;
        w.BlankRow();
        Block(_t.T["Etter startår (mobiliteter: året de startet; prosjekter: prosjektets startår)"],
            t => t.ByStartYear);
        sheet.Finish(SheetWriter.Range(headerRow, firstBlockEnd, 2 + years.Count));
    }

    /// <summary>Each counting rule in plain language.</summary>
    private void WriteMethod()
    {
        var sheet = Sheet(_t.T["Metode"], new SheetLayout([40, 100, 30]) { Landscape = true });
        var w = sheet.Writer;
        w.BeginRow().Text(_t.T["Slik telles tallene"], CellStyle.Title);
        w.BlankRow();
        foreach (var (heading, text) in MethodText.General(_t, Parameters, _result.RealisationLagMonths))
        {
            w.BeginRow().Text(heading, CellStyle.Bold).Text(text, CellStyle.Wrapped);
        }

        w.BlankRow();
        w.BeginRow().Text(_t.T["Mål"], CellStyle.Header).Text(_t.T["Regel"], CellStyle.Header).Text(_t.T["Kode"], CellStyle.Header);
        foreach (var target in _result.Targets)
        {
            w.BeginRow().Text(_t.Title(target.Target), CellStyle.Wrapped).Text(MethodText.Rule(_t, target.Target), CellStyle.Wrapped).Text(target.Target.Code);
        }

        sheet.Finish();
    }

    /// <summary>Every counted project, one column per project or mobility target: a column's sum is the target's value.</summary>
    private async Task WriteProjectsAsync(IStatusRowSource rows, CancellationToken cancellationToken)
    {
        var targets = _result.Targets.Select(t => t.Target).Where(CountedRecords.IsProjectTarget).ToList();
        string[] headers =
        [
            _t.T["rapport|Prosjektnummer"], _t.T["Tiltak"], _t.T["Sektor"], _t.T["Utlysningsår"],
            _t.T["Koordinator"], _t.T["rapport|Koordinatorens land"], _t.T["Fylke"],
            _t.T["Vedtaksdato"], _t.T["Status"], .. targets.Select(_t.Title),
            _t.T["Tiltakskode"], _t.T["Sektorkode"], _t.T["Landkode"],
        ];
        var sheets = new DataSheets(this, _t.T["Prosjekter"], headers, [30, 24, 22, 11, 40, 16, 20, 12, 12, .. targets.Select(_ => 16.0), 12, 10, 10]);
        await foreach (var project in rows.ProjectsAsync(cancellationToken))
        {
            var w = sheets.NextRow().Text(project.Reference).Text(_t.Action(project.Action)).Text(_t.Sector(project.Sector)).Number(project.CallYear, CellStyle.Default)
                .Text(project.Coordinator).Text(Name(_options.CountryNames, project.CoordinatorCountry)).Text(project.County).Date(project.DecisionDate)
                .Text(_t.ProjectStatus(project.Status));
            foreach (var target in targets)
            {
                if (project.Counted.TryGetValue(target.Code, out var value))
                {
                    w.Number(value);
                }
                else
                {
                    w.Skip();
                }
            }

            w.Text(project.Action.ToString()).Text(project.Sector.ToString()).Text(project.CoordinatorCountry);
        }

        sheets.Complete();
    }

    /// <summary>Every counted mobility line, one row per target it counts toward: the sum of participants per target is the target's value.</summary>
    private async Task WriteMobilitiesAsync(IStatusRowSource rows, CancellationToken cancellationToken)
    {
        var awarded = Parameters.Basis == CountingBasis.Awarded;
        string[] codes = [_t.T["Aktivitetskode"], _t.T["Sektorkode"], _t.T["Målkode"]];
        string[] headers = awarded
            ? [_t.T["rapport|Prosjektnummer"], _t.T["Aktivitetstype"], _t.T["Sektor"], _t.T["Fylke"],
                _t.T["Utlysningsår"], _t.T["Vedtaksdato"], _t.T["Tildelte deltakere"], _t.T["Mål"], .. codes]
            : [_t.T["Mobilitets-ID"], _t.T["rapport|Prosjektnummer"], _t.T["Aktivitetstype"], _t.T["Sektor"],
                _t.T["Fylke"], _t.T["Startdato"], _t.T["Sluttdato"], _t.T["Deltakere som telles"], _t.T["Mål"], .. codes];
        double[] widths = awarded ? [30, 36, 22, 20, 11, 12, 12, 50, 16, 8, 26] : [20, 30, 36, 22, 20, 12, 12, 12, 50, 16, 8, 26];
        var titles = _result.Targets.ToDictionary(t => t.Target.Code, t => _t.Title(t.Target), StringComparer.Ordinal);
        var sheets = new DataSheets(this, _t.T["Mobiliteter"], headers, widths);
        await foreach (var row in rows.MobilitiesAsync(cancellationToken))
        {
            var w = sheets.NextRow();
            var activity = Name(_options.ActivityNames, row.ActivityType);
            var target = titles.GetValueOrDefault(row.TargetCode, row.TargetCode);
            if (awarded)
            {
                w.Text(row.ProjectReference).Text(activity).Text(_t.Sector(row.Sector)).Text(row.County).Number(row.CallYear, CellStyle.Default)
                    .Date(row.DecisionDate).Number(row.Participants).Text(target);
            }
            else
            {
                w.Text(row.MobilityId).Text(row.ProjectReference).Text(activity).Text(_t.Sector(row.Sector)).Text(row.County)
                    .Date(row.StartDate).Date(row.EndDate).Number(row.Participants).Text(target);
            }

            w.Text(row.ActivityType).Text(row.Sector.ToString()).Text(row.TargetCode);
        }

        sheets.Complete();
    }

    private static void Figure(SheetWriter w, decimal? value, bool isShare)
    {
        if (isShare)
        {
            w.Percent(value);
        }
        else
        {
            w.Count(value);
        }
    }

    private static string Name(IReadOnlyDictionary<string, string>? names, string code) =>
        names is not null && names.TryGetValue(code, out var name) && !string.IsNullOrWhiteSpace(name) ? name : code;

    /// <summary>Colours a status column by its words (conditional formatting), so the colour follows an edited status.</summary>
    private void StatusColours(SheetWriter w, string column, int firstRow, int lastRow)
    {
        if (lastRow < firstRow)
        {
            return;
        }

        var range = $"{column}{firstRow}:{column}{lastRow}";
        var formatting = new ConditionalFormatting { SequenceOfReferences = new ListValue<StringValue> { InnerText = range } };
        var priority = 1;
        foreach (var status in Enum.GetValues<AttainmentStatus>())
        {
            formatting.Append(new ConditionalFormattingRule(new Formula("\"" + _t.Status(status).Replace("\"", "\"\"", StringComparison.Ordinal) + "\""))
            {
                Type = ConditionalFormatValues.CellIs,
                Operator = ConditionalFormattingOperatorValues.Equal,
                FormatId = WorkbookStyles.StatusFormat(status),
                Priority = priority++,
            });
        }

        w.AddConditionalFormatting(formatting);
    }

    /// <summary>"Statusrapport Erasmus+ · per 30.09.2021 · tildelt grunnlag" at the top of every printed page, page numbers at the foot.</summary>
    private PageText PageHeader()
    {
        static string Escape(string text) => text.Replace("&", "&&", StringComparison.Ordinal);
        var p = Parameters;
        var scope = p.County is { } county ? $"{CountyName(county)} ({county})" : _t.T["i setning|hele landet"];
        var title = Escape(_t.T["Statusrapport Erasmus+"]);
        var basis = Escape(string.Format(_t.Culture, _t.T["Per {0} · {1} grunnlag · {2}"],
            _t.LongDate(p.AsOf), _t.Basis(p.Basis).ToLower(_t.Culture), scope));
        return new PageText($"&L&\"-,Bold\"{title}&R{basis}", $"&L&A&R{Escape(_t.T["Side"])} &P {Escape(_t.T["av"])} &N");
    }

    private string? CountyName(string? county) =>
        county is null ? null : _options.CountyNames is { } names && names.TryGetValue(county, out var name) ? name : county;

    private SheetPart Sheet(string name, SheetLayout layout)
    {
        if (name.Length > MaxSheetName || _sheets.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"Sheet name '{name}' is too long or not unique.");
        }

        var sheet = new SheetPart(name, layout, _page);
        _sheets.Add(sheet);
        return sheet;
    }

    /// <summary>
    /// The package around the streamed sheets, made by the SDK with an empty placeholder per sheet, then
    /// copied into the output zip with each placeholder's content replaced by its streamed sheet.
    /// </summary>
    private void Assemble(Stream output)
    {
        using var skeleton = new MemoryStream();
        var placeholders = new Dictionary<string, SheetPart>(StringComparer.Ordinal);
        using (var document = SpreadsheetDocument.Create(skeleton, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var sheets = new Sheets();
            var definedNames = new DefinedNames();
            for (var i = 0; i < _sheets.Count; i++)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                part.Worksheet = new Worksheet(new SheetData());
                placeholders[part.Uri.OriginalString.TrimStart('/')] = _sheets[i];
                sheets.Append(new Sheet { Name = _sheets[i].Name, SheetId = (uint)(i + 1), Id = workbookPart.GetIdOfPart(part) });
                if (_sheets[i].AutoFilter is { } range)
                {
                    // Excel records a filtered range under this hidden name; adding it keeps the file as Excel itself would write it.
                    definedNames.Append(new DefinedName(AbsoluteReference(_sheets[i].Name, range)) { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true });
                }

                if (_sheets[i].Writer.Layout.FrozenHeaderRow is { } header)
                {
                    // The header row is printed again at the top of every page.
                    var row = header.ToString(CultureInfo.InvariantCulture);
                    definedNames.Append(new DefinedName($"{Quoted(_sheets[i].Name)}!${row}:${row}") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)i });
                }

                if (ReferenceEquals(_sheets[i], _figureSheet) && _charts.Count > 0)
                {
                    WorkbookCharts.AddTo(part, _charts, _options.English);
                }
            }

            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = WorkbookStyles.Create(_options.English);
            workbookPart.Workbook = definedNames.HasChildren
                ? new Workbook(new BookViews(new WorkbookView()), sheets, definedNames)
                : new Workbook(new BookViews(new WorkbookView()), sheets);
            SetProperties(document);
        }

        skeleton.Position = 0;
        using var source = new ZipArchive(skeleton, ZipArchiveMode.Read);
        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        // Content types first, as Office itself writes them; some readers sniff the first entry.
        foreach (var entry in source.Entries.OrderBy(e => e.FullName == "[Content_Types].xml" ? 0 : 1))
        {
            using var to = target.CreateEntry(entry.FullName, CompressionLevel.Optimal).Open();
            if (placeholders.TryGetValue(entry.FullName, out var sheet))
            {
                using var from = sheet.OpenRead();
                from.CopyTo(to);
            }
            else
            {
                using var from = entry.Open();
                from.CopyTo(to);
            }
        }
    }

    private void SetProperties(SpreadsheetDocument document)
    {
        var p = Parameters;
        var created = System.DateTime.SpecifyKind(_options.GeneratedAt, DateTimeKind.Local).ToUniversalTime();
        var scope = p.County is { } county ? $"{CountyName(county)} ({county})" : _t.T["i setning|hele landet"];
        document.PackageProperties.Title = string.Format(_t.Culture, _t.T["Statusrapport Erasmus+ per {0} ({1} grunnlag)"],
            p.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), _t.Basis(p.Basis).ToLower(_t.Culture));
        document.PackageProperties.Subject = _t.T["Måloppnåelse mot den nasjonale strategien for Erasmus+ 2021–2027"];
        document.PackageProperties.Creator = "Erasmus+ deltakelse (HK-dir)";
        document.PackageProperties.LastModifiedBy = "Erasmus+ deltakelse (HK-dir)";
        document.PackageProperties.Description = string.Format(_t.Culture, _t.T["Per {0}, {1} grunnlag, {2}."],
            _t.LongDate(p.AsOf), _t.Basis(p.Basis).ToLower(_t.Culture), scope);
        document.PackageProperties.Keywords = "Erasmus+; " + _t.T["statusrapport; måloppnåelse"];
        document.PackageProperties.Category = _t.T["Statusrapport"];
        document.PackageProperties.Language = _t.English ? "en-GB" : "nb-NO";
        document.PackageProperties.Created = created;
        document.PackageProperties.Modified = created;

        var extended = document.AddExtendedFilePropertiesPart();
        extended.Properties = new ExtendedProperties.Properties(
            new ExtendedProperties.Application("Erasmus+ deltakelse"),
            new ExtendedProperties.Company("HK-dir"));
    }

    private static string AbsoluteReference(string sheetName, string range)
    {
        var corners = range.Split(':');
        static string Absolute(string cell)
        {
            var split = cell.AsSpan().IndexOfAnyInRange('0', '9');
            return $"${cell[..split]}${cell[split..]}";
        }

        return $"{Quoted(sheetName)}!{Absolute(corners[0])}:{Absolute(corners[^1])}";
    }

    private static string Quoted(string sheetName) => $"'{sheetName.Replace("'", "''", StringComparison.Ordinal)}'";

    /// <summary>One streamed worksheet: its name, and its XML compressed in a temporary file until the package is assembled.</summary>
    private sealed class SheetPart : IDisposable
    {
        private readonly FileStream _file;
        private readonly DeflateStream _compressor;

        public SheetPart(string name, SheetLayout layout, PageText page)
        {
            Name = name;
            _file = new FileStream(Path.Combine(Path.GetTempPath(), $"erasmus-sheet-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.ReadWrite,
                FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            _compressor = new DeflateStream(_file, CompressionLevel.Fastest, leaveOpen: true);
            Writer = new SheetWriter(_compressor, layout, page);
        }

        public string Name { get; }

        public SheetWriter Writer { get; }

        public string? AutoFilter { get; private set; }

        public void Finish(string? autoFilter = null)
        {
            AutoFilter = autoFilter;
            Writer.Finish(autoFilter);
            Writer.Dispose();
            _compressor.Dispose();
        }

        public DeflateStream OpenRead()
        {
            _file.Position = 0;
            return new DeflateStream(_file, CompressionMode.Decompress, leaveOpen: true);
        }

        public void Dispose()
        {
            Writer.Dispose();
            _compressor.Dispose();
            _file.Dispose();
        }
    }

    /// <summary>A data sheet that continues on "Name 2", "Name 3"… when it reaches the row limit, each with the header row, frozen and filtered.</summary>
    private sealed class DataSheets(StatusWorkbook owner, string name, IReadOnlyList<string> headers, IReadOnlyList<double> widths)
    {
        private SheetPart? _current;
        private int _rows;
        private int _count;

        public SheetWriter NextRow()
        {
            if (_current is null || _rows == owner._options.RowLimit)
            {
                Start();
            }

            _rows++;
            return _current!.Writer.BeginRow();
        }

        /// <summary>Closes the last sheet; with no rows at all, the sheet still exists with its header.</summary>
        public void Complete()
        {
            if (_current is null)
            {
                Start();
            }

            Close();
        }

        private void Start()
        {
            Close();
            _count++;
            _current = owner.Sheet(_count == 1 ? name : $"{name} {_count.ToString(CultureInfo.InvariantCulture)}", new SheetLayout(widths, 1) { Landscape = true });
            var w = _current.Writer.BeginRow();
            foreach (var header in headers)
            {
                w.Text(header, CellStyle.Header);
            }

            _rows = 0;
        }

        private void Close() => _current?.Finish(SheetWriter.Range(1, _current.Writer.RowCount, headers.Count));
    }
}
