namespace Erasmus.Web.Infrastructure.Security;

/// <summary>
/// The address users reach the service at, for links that leave the site (the one-time password link).
/// It comes from the setting <c>PublicBaseUrl</c>, never from the request: a request's Host header is
/// whatever the sender wrote, and a link built from it could send a password link to another site.
/// Without the setting, the first address the app listens on (<c>ASPNETCORE_URLS</c>) stands in, so
/// that development and tests work; Production logs a warning at start-up then. A value that is not an
/// absolute http(s) address stops the start.
/// </summary>
public sealed class PublicAddress
{
    public const string SettingName = "PublicBaseUrl";

    public PublicAddress(IConfiguration configuration, IWebHostEnvironment environment, ILogger<PublicAddress> logger)
    {
        var configured = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            BaseUri = Parse(configured) ?? throw new InvalidOperationException(
                $"{SettingName} must be an absolute http or https address such as https://erasmus.example.no, not '{configured}'.");
            return;
        }

        BaseUri = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => Parse(u.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)))
            .FirstOrDefault(u => u is not null) ?? new Uri("http://localhost:5080");
        if (environment.IsProduction())
        {
            logger.LogWarning("{Setting} is not set: links in password e-mails and pages point to {Address}. Set it to the address users reach the service at.", SettingName, BaseUri);
        }
    }

    /// <summary>Scheme, host and port only.</summary>
    public Uri BaseUri { get; }

    /// <summary>An absolute link to a path of this site (with its query).</summary>
    public string LinkTo(string pathAndQuery) => new Uri(BaseUri, pathAndQuery).ToString();

    private static Uri? Parse(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.Host is not ("0.0.0.0" or "[::]")
            ? new Uri(uri.GetLeftPart(UriPartial.Authority))
            : null;
}

/// <summary>Reads the public address when the app starts, so that a wrong setting stops the start rather than the first link.</summary>
internal sealed class PublicAddressCheck(PublicAddress address) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(address.BaseUri);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
