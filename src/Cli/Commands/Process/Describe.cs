using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;

namespace ProcessManager.Cli.Commands.Process;

/// <summary><c>pbm process describe NAME</c>: status and spec of one process.</summary>
internal static class Describe
{
    /// <summary>Options.</summary>
    public sealed record Options(string Name, bool ShowSecrets = false, int Lines = DefaultLines);

    /// <summary>Output lines shown unless --lines says otherwise.</summary>
    public const int DefaultLines = 10;

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "process", "describe", "Show one process: status, command, restart policy, environment (values redacted unless --show-secrets), details, how it last exited and its last output lines", "NAME [--show-secrets] [--lines N]", true,
        args =>
        {
            var showSecrets = args.Flag("--show-secrets");
            var lines = args.Number("--lines", "-n", DefaultLines, 0, 1000);
            return new Options(ProcessNameArgument.Read(args), showSecrets, lines);
        },
        RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var d = await context.Client.DescribeProcessAsync(options.Name, options.ShowSecrets, options.Lines, context.Cancellation).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, d, j => j.ProcessDescription);
            return ExitCodes.Ok;
        }

        var s = d.Status;
        var table = new Table("FIELD", "VALUE")
            .Add("name", s.Name)
            .Add("status", s.Status)
            .Add("pid", Format.Number(s.Pid))
            .Add("restarts", Format.Number(s.Restarts))
            .Add("uptime", Format.Duration(s.UptimeSeconds))
            .Add("cpu", Format.Percent(s.CpuPercent))
            .Add("memory", Format.Bytes(s.MemoryBytes))
            .Add("command", string.Join(' ', d.Command))
            .Add("cwd", d.WorkingDirectory ?? "-")
            .Add("restart", d.RestartPolicy ?? "-")
            .Add("instances", Format.Number(d.Instances));
        foreach (var (key, value) in d.Details.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            table.Add(key, value);
        }

        foreach (var (instance, reason) in (d.LastExit ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            table.Add("last exit " + instance, reason);
        }

        table.Write(context.IO.Out, context.IO.IsOutputTerminal);
        if (d.LastLines is { Count: > 0 } lines)
        {
            context.IO.Out.Write($"\nlast {lines.Count} lines:\n");
            foreach (var line in lines)
            {
                Log.LogOutput.Write(context, line, prefixed: true);
            }
        }

        return ExitCodes.Ok;
    }
}
