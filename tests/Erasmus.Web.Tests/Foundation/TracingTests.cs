using System.Net;
using System.Text;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Erasmus.Web.Tests.Foundation;

/// <summary>
/// Runs alone: activity sources are process-wide, so the traced app's tracer would also record the HTTP
/// requests of other tests running at the same time (a spawned app's /health/ready probes, for one).
/// </summary>
[CollectionDefinition(nameof(TracingTests), DisableParallelization = true)]
public sealed class TracingCollection;

[Collection(nameof(TracingTests))]
public sealed class TracingTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Without_an_otlp_endpoint_no_trace_is_recorded()
    {
        await using var app = new ErasmusAppFactory(database.ConnectionString);

        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task With_an_otlp_endpoint_requests_and_their_sql_are_sent_there_as_traces()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using (var app = new TracedApp(database.ConnectionString, collector.Endpoint))
        {
            Assert.NotNull(app.Services.GetService<TracerProvider>());
            var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var response = await AppFixture.PostFormAsync(client, "/logg-inn", "/logg-inn", new() { ["Email"] = "ingen@test.no", ["Password"] = "Passord-i-sporet-1" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        }

        // Stopping the app flushed the exporter: the spans arrived as OTLP over HTTP (protobuf).
        Assert.NotEmpty(collector.Requests);
        Assert.All(collector.Requests, r => Assert.Equal("/v1/traces", r.Path));
        var spans = Encoding.UTF8.GetString([.. collector.Requests.SelectMany(r => r.Body)]);
        Assert.Contains("erasmus-web", spans, StringComparison.Ordinal);
        Assert.Contains("POST logg-inn", spans, StringComparison.Ordinal);
        Assert.Contains("postgresql", spans, StringComparison.Ordinal);
        // Probes and scrapes are not traced; the form's values never are.
        Assert.DoesNotContain("/health/ready", spans, StringComparison.Ordinal);
        Assert.DoesNotContain("Passord-i-sporet-1", spans, StringComparison.Ordinal);
    }

    private sealed class TracedApp(string connectionString, string endpoint) : ErasmusAppFactory(connectionString)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
            builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        }
    }

    /// <summary>A stand-in OTLP collector on a loopback port: keeps what is posted to it.</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly List<(string Path, byte[] Body)> _requests = [];

        private OtlpCollector(WebApplication app) => _app = app;

        public string Endpoint => _app.Urls.Single();

        public IReadOnlyList<(string Path, byte[] Body)> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        public static async Task<OtlpCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var collector = new OtlpCollector(app);
            app.Run(async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                lock (collector._requests)
                {
                    collector._requests.Add((context.Request.Path.Value ?? "", body.ToArray()));
                }

                context.Response.ContentType = "application/x-protobuf";
                context.Response.StatusCode = StatusCodes.Status200OK;
            });
            await app.StartAsync();
            return collector;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
