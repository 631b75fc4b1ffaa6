using Microsoft.VisualStudio.TestPlatform.ObjectModel;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Client;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Logging;
using TestOutcome = Microsoft.VisualStudio.TestPlatform.ObjectModel.TestOutcome;

namespace ProcessManager.TestLogging;

/// <summary>
/// Prints each skipped test with its reason, and how many skipped, at the console's default verbosity: the built-in
/// console logger shows skip reasons only at "normal", which also lists every passed test.
/// </summary>
[FriendlyName(FriendlyName)]
[ExtensionUri(ExtensionUri)]
public sealed class SkipReasonLogger : ITestLogger
{
    public const string FriendlyName = "skipreasons";
    public const string ExtensionUri = "logger://ProcessManager/SkipReasons";

    private int _skipped;

    public void Initialize(TestLoggerEvents events, string testRunDirectory)
    {
        ArgumentNullException.ThrowIfNull(events);
        events.TestResult += OnTestResult;
        events.TestRunComplete += OnTestRunComplete;
    }

    private void OnTestResult(object? sender, TestResultEventArgs e)
    {
        if (e.Result.Outcome != TestOutcome.Skipped)
        {
            return;
        }

        _skipped++;
        Console.WriteLine($"  skipped {e.Result.TestCase.FullyQualifiedName}: {SkipReason.Of(e.Result)}");
    }

    private void OnTestRunComplete(object? sender, TestRunCompleteEventArgs e)
    {
        if (_skipped > 0)
        {
            Console.WriteLine($"  {_skipped} skipped, each with its reason above");
        }

        _skipped = 0;
    }
}
