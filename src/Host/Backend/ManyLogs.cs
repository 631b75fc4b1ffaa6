using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ProcessManager.Host.Api;
using Dto = ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Backend;

/// <summary>
/// The output of several processes at once (like <c>pm2 logs</c>): names, NAME-INDEX, globs or none (every app),
/// tailed per process and merged by time, or followed in one stream. Each line names its instance.
/// </summary>
internal static class ManyLogs
{
    /// <summary>Lines held between the followed processes and the caller; a full buffer makes the readers wait.</summary>
    public const int FollowBuffer = 1024;

    /// <summary>Most processes one request follows or tails.</summary>
    public const int MaxProcesses = 1000;

    /// <summary>The apps and instances the targets name; every app when there are none. Unknown plain names are a 404.</summary>
    public static async Task<IReadOnlyList<string>> ResolveAsync(IProcessBackend backend, IReadOnlyList<string> targets, CancellationToken cancellationToken)
    {
        if (targets.FirstOrDefault(target => !Contracts.ProcessTargets.IsValid(target)) is { } invalid)
        {
            throw new ApiException(400, $"invalid target '{invalid}'", Contracts.ProcessTargets.Rule);
        }

        var processes = await backend.ListAsync(cancellationToken).ConfigureAwait(false);
        var names = BulkProcessCommands.Expand(targets.Count == 0 ? [Contracts.ProcessTargets.All] : targets, processes, out var unknown);
        if (unknown.Count > 0)
        {
            throw ApiException.UnknownProcess(unknown[0]);
        }

        return names.Count <= MaxProcesses
            ? names
            : throw new ApiException(400, $"{names.Count} processes match", $"at most {MaxProcesses} at once; name fewer");
    }

    /// <summary>The last <paramref name="lines"/> lines of each process, merged oldest first.</summary>
    public static async Task<IReadOnlyList<Dto.LogLine>> TailAsync(IProcessBackend backend, IReadOnlyList<string> names, int lines, CancellationToken cancellationToken)
    {
        var parts = await Task.WhenAll(names.Select(name => backend.TailAsync(name, lines, cancellationToken))).ConfigureAwait(false);
        return [.. parts.SelectMany(part => part).OrderBy(line => line.Timestamp)];
    }

    /// <summary>Each process's last lines, then new lines of all of them as they come, until cancelled.</summary>
    public static async IAsyncEnumerable<Dto.LogLine> FollowAsync(
        IProcessBackend backend,
        IReadOnlyList<string> names,
        int lines,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var merged = Channel.CreateBounded<Dto.LogLine>(new BoundedChannelOptions(FollowBuffer) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readers = names.Select(name => PumpAsync(backend.FollowAsync(name, lines, stop.Token), merged.Writer, stop.Token)).ToList();
        var all = Task.WhenAll(readers).ContinueWith(done => merged.Writer.TryComplete(done.Exception?.InnerException), TaskScheduler.Default);
        try
        {
            await foreach (var line in merged.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return line;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await all.ConfigureAwait(false);
        }
    }

    private static async Task PumpAsync(IAsyncEnumerable<Dto.LogLine> source, ChannelWriter<Dto.LogLine> target, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var line in source.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await target.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller left.
        }
        catch (ApiException)
        {
            // That process went away (deleted) while followed: the others go on.
        }
    }
}
