using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Erasmus.Web.Tests.Infrastructure.ErasmusTestFramework", "Erasmus.Web.Tests")]

namespace Erasmus.Web.Tests.Infrastructure;

/// <summary>
/// xunit's own framework, plus one line at the start of the run saying which PostgreSQL the tests
/// use, and the removal of the run's container at its end, after every fixture (xunit 2 has no
/// assembly fixture). The line is a diagnostic message, which xunit.runner.json lets dotnet test
/// show; an IDE shows it where it shows xunit's diagnostics. The browser tests use this framework too.
/// </summary>
public sealed class ErasmusTestFramework : XunitTestFramework
{
    public ErasmusTestFramework(IMessageSink messageSink)
        : base(messageSink)
    {
        messageSink.OnMessage(new DiagnosticMessage($"Test database: {TestServer.Description}"));
        DisposalTracker.Add(new ContainerRemoval());
    }

    private sealed class ContainerRemoval : IDisposable
    {
        public void Dispose() => TestServer.RemoveContainer();
    }
}
