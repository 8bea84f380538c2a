using Erasmus.Domain.Attainment;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Attainment;

namespace Erasmus.Web.Features.Reports;

/// <summary>
/// Makes the status workbook for a set of parameters: the figures from <see cref="AttainmentService"/>
/// (the dashboard's own result), the county matrix, and the counted records streamed from the database.
/// </summary>
public sealed class StatusReport(AttainmentService attainment, ErasmusDbContext db, TimeProvider time)
{
    public async Task<AttainmentResult> WriteAsync(AttainmentParameters parameters, Stream output, bool english,
        int rowLimit = StatusWorkbook.MaxDataRows, CancellationToken cancellationToken = default)
    {
        var (result, inputs) = await attainment.ComputeWithInputsAsync(parameters, cancellationToken);
        var matrix = CountyMatrix.Build(inputs, parameters);
        var options = new StatusWorkbookOptions(time.GetLocalNow().DateTime, english,
            inputs.Counties.ToDictionary(c => c.Number, c => c.Name, StringComparer.Ordinal), rowLimit);
        await StatusWorkbook.WriteAsync(result, matrix, new DatabaseStatusRows(db, result, inputs), output, options, cancellationToken);
        return result;
    }

    /// <summary>"statusrapport-2021-09-30-tildelt.xlsx", with the county number when one is chosen.</summary>
    public static string FileName(AttainmentParameters parameters) =>
        string.Join("-", new[]
        {
            "statusrapport",
            parameters.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            parameters.Basis == CountingBasis.Awarded ? "tildelt" : "gjennomfort",
            parameters.County,
            parameters.Sector?.ToString().ToLowerInvariant(),
        }.Where(s => !string.IsNullOrEmpty(s))) + ".xlsx";
}
