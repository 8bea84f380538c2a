using System.Diagnostics.Metrics;
using Erasmus.Web.Features.Import;
using Microsoft.AspNetCore.Identity;

namespace Erasmus.Web.Infrastructure.Observability;

/// <summary>
/// The app's own metrics (meter "Erasmus.Web", served on /metrics with the framework's): one method per
/// event, so that a feature's hook is one line. Tags hold only fixed words, never a user's input.
/// </summary>
public sealed class ErasmusMetrics
{
    public const string MeterName = "Erasmus.Web";

    private readonly Counter<long> _imports;
    private readonly Counter<long> _importRows;
    private readonly Histogram<double> _reportDuration;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheComputations;
    private readonly Counter<long> _signInFailures;

    public ErasmusMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _imports = meter.CreateCounter<long>("erasmus.imports", "{import}",
            "Import batches by outcome: read (checked and staged), failed (the file could not be read), confirmed, not_confirmed (rolled back).");
        _importRows = meter.CreateCounter<long>("erasmus.import.rows", "{row}", "Rows written by confirmed imports, by kind and change (inserted, updated).");
        _reportDuration = meter.CreateHistogram<double>("erasmus.report.duration", "s", "Time to write a status report workbook.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });
        _cacheHits = meter.CreateCounter<long>("erasmus.cache.hits", "{request}", "Cached figures served unchanged, by entry kind.");
        _cacheComputations = meter.CreateCounter<long>("erasmus.cache.computations", "{computation}",
            "Cached figures computed because their tables changed or they were not cached yet, by entry kind.");
        _signInFailures = meter.CreateCounter<long>("erasmus.sign_in.failures", "{attempt}",
            "Failed sign-ins by reason: invalid_credentials (unknown e-mail or wrong password), locked_out, not_allowed; " +
            "through an identity provider also unknown_user, email_not_verified and provider_error.");
    }

    public void ImportRead() => _imports.Add(1, new KeyValuePair<string, object?>("outcome", "read"));

    public void ImportFailed() => _imports.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));

    public void ImportNotConfirmed() => _imports.Add(1, new KeyValuePair<string, object?>("outcome", "not_confirmed"));

    public void ImportConfirmed(ImportKind kind, int inserted, int updated)
    {
        _imports.Add(1, new KeyValuePair<string, object?>("outcome", "confirmed"));
        var kindTag = new KeyValuePair<string, object?>("kind", kind.ToString().ToLowerInvariant());
        _importRows.Add(inserted, kindTag, new KeyValuePair<string, object?>("change", "inserted"));
        _importRows.Add(updated, kindTag, new KeyValuePair<string, object?>("change", "updated"));
    }

    public void ReportWritten(TimeSpan elapsed) => _reportDuration.Record(elapsed.TotalSeconds);

    /// <summary>The entry's kind: the key's type (a key can hold what a user searched for, which is never a tag).</summary>
    public void CacheHit(object key) => _cacheHits.Add(1, EntryTag(key));

    public void CacheComputed(object key) => _cacheComputations.Add(1, EntryTag(key));

    /// <summary>A failed sign-in; <paramref name="result"/> is null when no user has the e-mail address.</summary>
    public void SignInFailed(SignInResult? result) => _signInFailures.Add(1, new KeyValuePair<string, object?>("reason", result switch
    {
        { IsLockedOut: true } => "locked_out",
        { IsNotAllowed: true } => "not_allowed",
        _ => "invalid_credentials",
    }));

    /// <summary>A sign-in through an identity provider that was refused; <paramref name="reason"/> is one of the fixed words above.</summary>
    public void ExternalSignInRefused(string reason) => _signInFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    private static KeyValuePair<string, object?> EntryTag(object key) => new("entry", key is string name ? name : key.GetType().Name);
}
