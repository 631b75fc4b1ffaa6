namespace ProcessManager.Cli.Infrastructure;

/// <summary>pbm's view of the console: the seam tests replace with a fake terminal or pipe.</summary>
internal interface IConsoleIO
{
    /// <summary>Results.</summary>
    TextWriter Out { get; }

    /// <summary>Diagnostics and progress.</summary>
    TextWriter Error { get; }

    /// <summary>Input of the interactive console.</summary>
    TextReader In { get; }

    /// <summary>True when results go to a terminal (tables), false when piped (plain, stable output).</summary>
    bool IsOutputTerminal { get; }

    /// <summary>True when diagnostics go to a terminal (progress is shown only then).</summary>
    bool IsErrorTerminal { get; }

    /// <summary>True when input comes from a terminal (line editor) rather than a pipe.</summary>
    bool IsInputTerminal { get; }
}
