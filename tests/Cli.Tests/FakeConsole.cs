using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Tests;

/// <summary>A console whose output is captured; terminal or pipe as the test says.</summary>
internal sealed class FakeConsole(bool terminal, string input = "") : IConsoleIO
{
    public TextWriter Out { get; } = new StringWriter { NewLine = "\n" };

    public TextWriter Error { get; } = new StringWriter { NewLine = "\n" };

    public TextReader In { get; } = new StringReader(input);

    public bool IsOutputTerminal => terminal;

    public bool IsErrorTerminal => false;

    public bool IsInputTerminal => false;


    public string Output => Out.ToString()!;

    public string Errors => Error.ToString()!;
}

internal sealed class FixedClock : IClock
{
    public DateTimeOffset UtcNow { get; set; } = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
}
