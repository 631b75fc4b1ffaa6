using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Commands.Process;

/// <summary>
/// start/stop/restart/delete of several processes: one API call, carried out in parallel by the daemon, one row per
/// process (or the results as JSON); exits non-zero when any failed or nothing matched.
/// </summary>
internal static class BulkRun
{
    /// <summary>Runs <paramref name="action"/> on the targets and prints each result.</summary>
    public static async Task<int> RunAsync(string action, IReadOnlyList<string> targets, CommandContext context)
    {
        var result = await Progress.RunAsync(
            context,
            $"{action} {string.Join(' ', targets)}",
            ct => context.Client.BulkAsync(new BulkProcessRequest(action, targets), ct)).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, result, j => j.BulkProcessResult);
        }
        else if (result.Results.Count > 0)
        {
            Render(result).Write(context.IO.Out, context.IO.IsOutputTerminal);
        }

        if (result.Results.Count == 0)
        {
            context.Diagnostic($"pbm: no process matches {string.Join(' ', targets)}; 'pbm process list' shows them");
            return ExitCodes.Error;
        }

        var failed = result.Results.Count(r => !r.Ok);
        if (failed > 0)
        {
            context.Diagnostic($"pbm: {failed} of {result.Results.Count} failed");
            return ExitCodes.Error;
        }

        return ExitCodes.Ok;
    }

    /// <summary>NAME, RESULT (ok or failed), STATUS, PID, and why it failed.</summary>
    public static Table Render(BulkProcessResult result)
    {
        var table = new Table("NAME", "RESULT", "STATUS", "PID", "DETAIL");
        foreach (var item in result.Results)
        {
            table.Add(item.Name, item.Ok ? "ok" : "failed", item.Status?.Status ?? "-", Format.Number(item.Status?.Pid), item.Error ?? string.Empty);
        }

        return table;
    }
}
