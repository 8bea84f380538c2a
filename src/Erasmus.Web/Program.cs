using Erasmus.Web.Data;
using Erasmus.Web.Features.Attainment;
using Erasmus.Web.Features.OpenData;
using Erasmus.Web.Features.Reports;
using Erasmus.Web.Infrastructure.Errors;
using Erasmus.Web.Infrastructure.Health;
using Erasmus.Web.Infrastructure.Logging;
using Erasmus.Web.Infrastructure.Observability;
using Erasmus.Web.Infrastructure.Security;
using Erasmus.Web.Infrastructure.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddErasmusLogging();
builder.AddErasmusTelemetry();
builder.Services.AddErasmusDatabase(builder.Configuration);
builder.Services.AddErasmusHealthChecks();
builder.Services.AddErasmusSecurity();
builder.Services.AddErasmusExternalLogin(builder.Configuration);
builder.Services.AddErasmusWeb(builder.Configuration, builder.Environment);
builder.Services.AddAttainment();
builder.Services.AddReports();
builder.Services.AddOpenData();
builder.Services.AddImport();

var app = builder.Build();

if (await DatabaseCommands.TryRunAsync(app, args))
{
    return;
}

await app.Services.PrepareDatabaseAsync();

app.UseErasmusMetricsPort();
app.UseErasmusErrorHandling();
app.UseErasmusSecurityHeaders();
app.UseStaticFiles();
app.UseRouting();
app.UseRequestLocalization();
app.UseErasmusRequestLogging();
app.UseAuthentication();
app.UseAuthorization();

app.MapErasmusHealthChecks();
app.MapErasmusMetrics();
app.MapControllers();

await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
