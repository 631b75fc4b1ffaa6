using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Host.Api;
using ProcessManager.Host.Backend;

namespace ProcessManager.Host.Tests;

/// <summary>
/// An in-memory backend: lets these tests exercise the API layer (routing, validation, auth, limits, errors)
/// without the actor system. The real backend is covered by the end-to-end tests.
/// </summary>
internal sealed class FakeProcessBackend : IProcessBackend
{
    private readonly ConcurrentDictionary<string, ProcessStatus> _processes = new(StringComparer.Ordinal);
    private readonly Channel<ProcessEvent> _events = Channel.CreateUnbounded<ProcessEvent>();

    /// <summary>Runs at the start of <see cref="ListAsync"/>: a test makes the backend slow or failing with it.</summary>
    public Func<CancellationToken, Task>? BeforeList { get; set; }

    /// <summary>Runs at the start of <see cref="StartAsync(StartProcessRequest, CancellationToken)"/>, like <see cref="BeforeList"/>.</summary>
    public Func<CancellationToken, Task>? BeforeStart { get; set; }

    /// <summary>What <see cref="HistoryAsync"/> answers for a known process, before the <c>since</c> filter.</summary>
    public IReadOnlyList<HistoryEntry> History { get; set; } = [new HistoryEntry(1, DateTimeOffset.UtcNow, "started", null)];

    /// <summary>Declares <paramref name="status"/> as it is (a test sets CPU, memory, restarts).</summary>
    public void Set(ProcessStatus status) => _processes[status.Name] = status;

    public async Task<IReadOnlyList<ProcessStatus>> ListAsync(CancellationToken cancellationToken)
    {
        if (BeforeList is { } before)
        {
            await before(cancellationToken);
        }

        return _processes.Values.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    public Task<ProcessDescription> DescribeAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(new ProcessDescription(Get(name), ["sleep", "100"], null, "always", 1, new Dictionary<string, string>()));

    public async Task<ProcessStatus> StartAsync(StartProcessRequest request, CancellationToken cancellationToken)
    {
        if (BeforeStart is { } before)
        {
            await before(cancellationToken);
        }

        var status = new ProcessStatus(request.Name, "running", 4242, 0, 0, 0, 0);
        _processes[request.Name] = status;
        _events.Writer.TryWrite(new ProcessEvent(DateTimeOffset.UtcNow, request.Name, "running", 4242, null));
        return status;
    }

    public Task<ProcessStatus> StopAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_processes[name] = Get(name) with { Status = "stopped", Pid = null });

    public Task<ProcessStatus> RestartAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_processes[name] = Get(name) with { Status = "running", Restarts = Get(name).Restarts + 1 });

    public Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        Get(name);
        _processes.TryRemove(name, out _);
        return Task.CompletedTask;
    }

    public Task<ProcessStatus> ScaleAsync(string name, int instances, CancellationToken cancellationToken) => Task.FromResult(Get(name));

    public Task<ApplyConfigResult> ApplyAsync(ApplyConfigRequest request, CancellationToken cancellationToken) =>
        throw new ApiException(400, $"{request.FileName}:1: not supported by the fake backend");

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string name, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        Get(name);
        return Task.FromResult<IReadOnlyList<HistoryEntry>>([.. History.Where(e => since is null || e.Timestamp >= since)]);
    }

    public Task<IReadOnlyList<LogLine>> TailAsync(string name, int lines, CancellationToken cancellationToken)
    {
        Get(name);
        return Task.FromResult<IReadOnlyList<LogLine>>([new LogLine(DateTimeOffset.UtcNow, name, "stdout", "hello")]);
    }

    public async IAsyncEnumerable<LogLine> FollowAsync(string name, int lines, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new LogLine(DateTimeOffset.UtcNow, name, "stdout", "hello");
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    public Task FlushLogsAsync(string? name, CancellationToken cancellationToken) => Task.CompletedTask;

    public IAsyncEnumerable<ProcessEvent> EventsAsync(CancellationToken cancellationToken) => _events.Reader.ReadAllAsync(cancellationToken);

    public Task<ActorNode> HierarchyAsync(int depth, CancellationToken cancellationToken) =>
        Task.FromResult(new ActorNode("user", "/user", null, [new ActorNode("processes", "/user/processes", "ProcessSupervisor", [])]));

    public Task<IReadOnlyList<BufferUsage>> BufferUsageAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BufferUsage>>([new BufferUsage("fake", "events", 0, 10)]);

    private ProcessStatus Get(string name) => _processes.TryGetValue(name, out var status) ? status : throw ApiException.UnknownProcess(name);
}
