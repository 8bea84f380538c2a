using System.Reflection;
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
    }

    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        // async void as in the base class: the runner reports its end through the message sink.
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class AssemblyRunner(ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        // Before the run reports its end: the test host may be ended soon after, before any
        // framework disposal or process-exit handler has finished.
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            await TestServer.RemoveContainerAsync();
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}
