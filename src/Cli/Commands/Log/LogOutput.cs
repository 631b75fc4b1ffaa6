using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Commands.Log;

/// <summary>How log lines are printed: the text on a pipe, timestamp and stream on a terminal, JSON lines with --json.</summary>
internal static class LogOutput
{
    /// <summary>Writes one line; <paramref name="prefixed"/> puts its instance (web-0) first, for several processes at once.</summary>
    public static void Write(CommandContext context, LogLine line, bool prefixed = false)
    {
        var prefix = prefixed ? line.Process + " | " : string.Empty;
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, line, Contracts.Dtos.ContractsJsonContext.Default.LogLine);
        }
        else if (context.IO.IsOutputTerminal)
        {
            context.IO.Out.Write($"{prefix}{Format.Time(line.Timestamp)} {(line.Stream == "stderr" ? "err" : "out")} | {line.Text}\n");
        }
        else
        {
            context.IO.Out.Write(prefix);
            context.IO.Out.Write(line.Text);
            context.IO.Out.Write('\n');
        }
    }
}
