using System.Globalization;
using System.Runtime.InteropServices;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Benchmarks;

/// <summary>The command line: a command, then --name value pairs and flags.</summary>
public sealed class Options
{
    private readonly string[] _args;

    public Options(string[] args)
    {
        _args = args;
        // The first benchmark took only options: it is the synthetic workbook ("--mobilities 1000000").
        Command = args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal) ? "synthetic-workbook" : args[0];
        Server = Environment.GetEnvironmentVariable("ERASMUS_BENCH_DB") is { Length: > 0 } bench ? bench : TestServer.Configured;
    }

    public string Command { get; }

    /// <summary>A PostgreSQL server connection string without Database=.</summary>
    public string Server { get; }

    public string? Value(string name) => _args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    public bool Flag(string name) => _args.Contains(name);

    public int Whole(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Fraction(string name, double fallback) => Value(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// <summary>Which sections to run ("--only dashboard,lists"); all when absent.</summary>
    public bool Runs(string section) =>
        Value("--only") is not { } only || only.Split(',', StringSplitOptions.TrimEntries).Contains(section, StringComparer.OrdinalIgnoreCase);
}

/// <summary>The machine and its load, for every figure's header.</summary>
public static class Machine
{
    public static string Describe() =>
        $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:F0} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";

    /// <summary>The 1, 5 and 15 minute load averages (Linux), since the machine is shared.</summary>
    public static string Load() =>
        File.Exists("/proc/loadavg") ? "load average " + string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "load unknown";
}
