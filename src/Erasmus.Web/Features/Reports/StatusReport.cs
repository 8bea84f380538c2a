using Erasmus.Domain.Attainment;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Attainment;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Erasmus.Web.Features.Reports;

/// <summary>
/// Makes the status workbook for a set of parameters: the figures from <see cref="AttainmentService"/>
/// (the dashboard's own result), the county matrix, and the counted records streamed from the database.
/// </summary>
public sealed class StatusReport(AttainmentService attainment, ErasmusDbContext db, TimeProvider time, IStringLocalizer<SharedResource> localizer,
    InstitutionRateTables institutions)
{
    /// <param name="freeze">Replaces the computed headline figures with frozen ones (a snapshot's); the data sheets list today's records.</param>
    public async Task<AttainmentResult> WriteAsync(AttainmentParameters parameters, Stream output, bool english,
        int rowLimit = StatusWorkbook.MaxDataRows, Func<AttainmentResult, AttainmentResult>? freeze = null, CancellationToken cancellationToken = default)
    {
        var (result, inputs) = await attainment.ComputeWithInputsAsync(parameters, cancellationToken);
        result = freeze?.Invoke(result) ?? result;
        var matrix = CountyMatrix.Build(inputs, parameters);
        var activities = await db.ActivityTypes.AsNoTracking().Select(a => new { a.Code, a.NameNb, a.NameEn }).ToListAsync(cancellationToken);
        var countries = await db.Countries.AsNoTracking().Select(c => new { c.Code, c.NameNb, c.NameEn }).ToListAsync(cancellationToken);
        var options = new StatusWorkbookOptions(time.GetLocalNow().DateTime, english,
            inputs.Counties.ToDictionary(c => c.Number, c => c.Name, StringComparer.Ordinal), rowLimit)
        {
            ActivityNames = activities.ToDictionary(a => a.Code, a => english ? a.NameEn : a.NameNb, StringComparer.Ordinal),
            CountryNames = countries.ToDictionary(c => c.Code, c => english ? c.NameEn : c.NameNb, StringComparer.Ordinal),
            Translate = bokmal => localizer[bokmal].Value,
            // Ranks among all counties need the national view; a frozen snapshot's figures are not today's.
            CountyRates = parameters.County is null && freeze is null ? await CountyRates.LoadAsync(attainment, parameters, result.Targets, cancellationToken) : null,
            InstitutionRates = parameters.County is null && freeze is null ? await institutions.AllAsync(result, cancellationToken) : null,
        };
        await StatusWorkbook.WriteAsync(result, matrix, new DatabaseStatusRows(db, result, inputs), output, options, cancellationToken);
        return result;
    }

    /// <summary>
    /// The file name names every filter: "statusrapport-2021-09-30-tildelt-fylke-46-vestland-sektor-vet-fylker-per-dato.xlsx",
    /// in English "status-report-2021-09-30-awarded-county-46-vestland-sector-vet-counties-as-of-date.xlsx".
    /// </summary>
    public static string FileName(AttainmentParameters parameters, string? countyName = null, bool english = false) =>
        new AttainmentFilters(parameters, countyName).FileName(english ? "status-report" : "statusrapport", "xlsx", english);
}
