using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Erasmus.Web.Data;

/// <summary>A PKCS#12 (.pfx) file and its password, from configuration.</summary>
public sealed class CertificateFile
{
    public string? Path { get; set; }

    public string? Password { get; set; }
}

/// <summary>
/// Settings of the "DataProtection" section: the certificate that encrypts the keys at rest, and the
/// ones that encrypted them before it (kept so keys written under them stay readable after a change).
/// </summary>
public sealed class DataProtectionSettings
{
    public CertificateFile Certificate { get; set; } = new();

    public List<CertificateFile> PreviousCertificates { get; set; } = [];
}

public static class DataProtectionSetup
{
    /// <summary>
    /// The keys that protect the sign-in cookie, antiforgery tokens and TempData live in the database
    /// (data_protection_keys), so every instance on it shares them without a shared folder and a
    /// restart keeps users signed in. With a certificate configured they are encrypted at rest.
    /// </summary>
    public static IServiceCollection AddErasmusDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("DataProtection").Get<DataProtectionSettings>() ?? new DataProtectionSettings();
        var builder = services.AddDataProtection()
            .SetApplicationName("Erasmus.Web")
            .PersistKeysToDbContext<ErasmusDbContext>();
        if (string.IsNullOrWhiteSpace(settings.Certificate.Path))
        {
            return services;
        }

        builder.ProtectKeysWithCertificate(Load(settings.Certificate, "DataProtection:Certificate"));
        var previous = settings.PreviousCertificates.Select((c, i) => Load(c, $"DataProtection:PreviousCertificates:{i}")).ToArray();
        if (previous.Length > 0)
        {
            builder.UnprotectKeysWithAnyCertificate(previous);
        }

        return services;
    }

    private static X509Certificate2 Load(CertificateFile file, string setting)
    {
        if (string.IsNullOrWhiteSpace(file.Path) || !File.Exists(file.Path))
        {
            throw new InvalidOperationException($"{setting}:Path names no readable file ('{file.Path}'): the data-protection keys cannot be encrypted.");
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(file.Path, file.Password);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"{setting}:Path ('{file.Path}') holds no private key: the keys could be encrypted but never read again.");
        }

        return certificate;
    }
}
