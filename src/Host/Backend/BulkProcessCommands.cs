using ProcessManager.Contracts;
using ProcessManager.Host.Api;
using Dto = ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Backend;

/// <summary>
/// One action on every process a list of targets names (names, NAME-INDEX, globs over app names, <c>all</c>),
/// carried out in parallel through the backend's single-process commands; each process gets its own result, so one
/// failure does not hide the others.
/// </summary>
internal static class BulkProcessCommands
{
    /// <summary>The actions a bulk request may name.</summary>
    public static readonly IReadOnlyList<string> Actions = ["start", "stop", "restart", "delete"];

    /// <summary>States after a start or restart that mean the program failed rather than ran.</summary>
    private static readonly HashSet<string> Failed = new(StringComparer.Ordinal) { "errored", "crash-loop", "backing-off" };

    public static async Task<Dto.BulkProcessResult> RunAsync(IProcessBackend backend, Dto.BulkProcessRequest request, CancellationToken cancellationToken)
    {
        if (request.Action is not { } action || !Actions.Contains(action))
        {
            throw new ApiException(400, $"unknown bulk action '{request.Action}'", "use " + string.Join(", ", Actions));
        }

        if (request.Targets is not { Count: > 0 } targets)
        {
            throw new ApiException(400, "no targets", "name processes, NAME-INDEX instances, globs such as 'web-*', or 'all'");
        }

        if (targets.FirstOrDefault(target => !ProcessTargets.IsValid(target)) is { } invalid)
        {
            throw new ApiException(400, $"invalid target '{invalid}'", ProcessTargets.Rule);
        }

        var processes = await backend.ListAsync(cancellationToken).ConfigureAwait(false);
        var names = Expand(targets, processes, out var unknown);
        var results = await Task.WhenAll(names.Select(name => RunOneAsync(backend, action, name, cancellationToken))).ConfigureAwait(false);
        return new Dto.BulkProcessResult(
        [
            .. results.Concat(unknown.Select(name => new Dto.BulkItemResult(name, false, null, $"unknown process '{name}'")))
                .OrderBy(result => result.Name, StringComparer.Ordinal),
        ]);
    }

    /// <summary>
    /// The apps and instances the targets name, each once: a glob or <c>all</c> matches app names; a plain name is an
    /// app, else an instance (NAME-INDEX), else unknown.
    /// </summary>
    public static IReadOnlyList<string> Expand(IReadOnlyList<string> targets, IReadOnlyList<Dto.ProcessStatus> processes, out IReadOnlyList<string> unknown)
    {
        var apps = processes.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var instances = processes.Select(p => $"{p.Name}-{p.Instance}").ToHashSet(StringComparer.Ordinal);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            if (ProcessTargets.IsPattern(target))
            {
                names.UnionWith(apps.Where(app => ProcessTargets.Matches(target, app)));
            }
            else if (apps.Contains(target) || instances.Contains(target))
            {
                names.Add(target);
            }
            else
            {
                missing.Add(target);
            }
        }

        unknown = [.. missing];
        return [.. names];
    }

    private static async Task<Dto.BulkItemResult> RunOneAsync(IProcessBackend backend, string action, string name, CancellationToken cancellationToken)
    {
        try
        {
            Dto.ProcessStatus? status = action switch
            {
                "start" => await backend.StartAsync(new Dto.StartProcessRequest(name), cancellationToken).ConfigureAwait(false),
                "stop" => await backend.StopAsync(name, cancellationToken).ConfigureAwait(false),
                "restart" => await backend.RestartAsync(name, cancellationToken).ConfigureAwait(false),
                _ => await DeleteAsync(backend, name, cancellationToken).ConfigureAwait(false),
            };
            return status is not null && action is "start" or "restart" && Failed.Contains(status.Status)
                ? new Dto.BulkItemResult(name, false, status, $"{status.Status} after {action}")
                : new Dto.BulkItemResult(name, true, status, null);
        }
        catch (ApiException error)
        {
            return new Dto.BulkItemResult(name, false, null, error.Detail is null ? error.Error : $"{error.Error}: {error.Detail}");
        }
    }

    private static async Task<Dto.ProcessStatus?> DeleteAsync(IProcessBackend backend, string name, CancellationToken cancellationToken)
    {
        await backend.DeleteAsync(name, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
