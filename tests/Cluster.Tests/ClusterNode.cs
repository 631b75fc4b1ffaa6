using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ProcessManager.Contracts.Client;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cluster.Tests;

/// <summary>
/// One pbmd as a child process with its own temp PBM_HOME and pbm.cluster settings, on its own loopback address.
/// Disposing ends the daemon and every program it was seen running, by pid, and removes the home.
/// </summary>
internal sealed class ClusterNode : IAsyncDisposable
{
    private const int KeptLogLines = 400;
    private readonly Queue<string> _log = new();
    private readonly HashSet<int> _programPids = [];
    private Process? _daemon;

    /// <param name="discovery">Find the seeds with Akka.Discovery's config method instead of listing them in seed-nodes.</param>
    public ClusterNode(string name, string address, int port, FleetCertificate certificate, IReadOnlyList<string> seeds, string extraConfig = "", bool discovery = false)
    {
        Name = name;
        Address = address;
        Port = port;
        Home = Directory.CreateTempSubdirectory("pbm-cluster-" + name + "-").FullName;
        var seedList = string.Join(", ", seeds.Select(s => "\"" + s + "\""));
        File.WriteAllText(Path.Combine(Home, "pbm.conf"), $$"""
            pbm.cluster {
              enabled = on
              node-name = {{name}}
              hostname = "{{address}}"
              port = {{port.ToString(CultureInfo.InvariantCulture)}}
              {{(discovery ? $"discovery {{ method = config, endpoints = [{seedList}] }}" : $"seed-nodes = [{seedList}]")}}
              {{TestTiming.ClusterHocon}}
              tls { certificate = "{{certificate.PfxFile}}", password-file = "{{certificate.PasswordFile}}" }
            }
            {{extraConfig}}
            """);
        Client = PbmEndpoint.TryParse("unix:" + Path.Combine(Home, "pbm.sock"), out var endpoint, out var error)
            ? new PbmApiClient(endpoint)
            : throw new InvalidOperationException(error);
    }

    public string Name { get; }

    /// <summary>A client of this daemon whose calls are made for <paramref name="node"/> (`pbm --node NODE`).</summary>
    public PbmApiClient ClientFor(string node) =>
        new(Client.Endpoint, settings: PbmClientSettings.Default with { Node = node });

    public string Address { get; }

    public int Port { get; }

    public string Home { get; }

    /// <summary>"HOST:PORT", as seed-nodes takes it.</summary>
    public string Seed => $"{Address}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public PbmApiClient Client { get; }

    public int Pid => _daemon?.Id ?? throw new InvalidOperationException(Name + " is not started");

    public bool HasExited => _daemon is null || _daemon.HasExited;

    /// <summary>The daemon's recent output, for a failure message.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Built.Pbmd);
        start.ArgumentList.Add("--home");
        start.ArgumentList.Add(Home);
        start.Environment["PBM_HOME"] = Home;
        start.Environment["HOME"] = Home;
        var daemon = Process.Start(start)!;
        daemon.OutputDataReceived += (_, e) => Keep(e.Data);
        daemon.ErrorDataReceived += (_, e) => Keep(e.Data);
        daemon.BeginOutputReadLine();
        daemon.BeginErrorReadLine();
        _daemon = daemon;
    }

    /// <summary>Waits until the daemon answers on its socket; fails at once, with its log, if it exits first.</summary>
    public async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow + Built.Scaled(TestTiming.StartSeconds);
        while (true)
        {
            try
            {
                await Client.GetDaemonStatusAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception error) when (error is DaemonUnreachableException or IOException or PbmApiException)
            {
                if (HasExited || DateTime.UtcNow > deadline)
                {
                    Assert.Fail($"{Name} did not become ready (exited: {HasExited}); its log:\n{Log}");
                }

                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }

    /// <summary>This node's programs named <paramref name="name"/> that run (with a pid), remembered for the clean-up.</summary>
    public async Task<IReadOnlyList<ProcessStatus>> RunningAsync(string name) =>
        (await ProcessesAsync().ConfigureAwait(false)).Where(p => p.Name == name && p.Status == "running" && p.Pid is not null).ToList();

    /// <summary>This daemon's view of the cluster.</summary>
    public Task<IReadOnlyList<NodeStatus>> NodesAsync() => Client.ListNodesAsync();

    /// <summary>Polls this daemon's view of the cluster until <paramref name="condition"/> holds.</summary>
    public async Task<IReadOnlyList<NodeStatus>> AwaitNodesAsync(Func<IReadOnlyList<NodeStatus>, bool> condition, string what, double seconds = 60)
    {
        var deadline = DateTime.UtcNow + Built.Scaled(seconds);
        IReadOnlyList<NodeStatus> nodes = [];
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                nodes = await NodesAsync().ConfigureAwait(false);
                if (condition(nodes))
                {
                    return nodes;
                }
            }
            catch (Exception error) when (error is DaemonUnreachableException or IOException or PbmApiException)
            {
                // Still starting; asked again below.
                if (HasExited)
                {
                    Assert.Fail($"{Name} exited while waiting for {what}; its log:\n{Log}");
                }
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        Assert.Fail($"{Name}: timed out waiting for {what}; last view: {string.Join("; ", nodes.Select(n => $"{n.Name} {n.Status} reachable={n.Reachable}"))}\n{Log}");
        return nodes;
    }

    /// <summary>Runs pbm against this daemon (its PBM_HOME) to completion.</summary>
    public async Task<(int ExitCode, string Output, string Error)> PbmAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Built.Pbm);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PBM_HOME"] = Home;
        start.Environment["HOME"] = Home;
        start.Environment.Remove("PBM_HOST");
        start.Environment.Remove("PBM_TOKEN");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Built.Scaled(TestTiming.CommandSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            Assert.Fail($"pbm {string.Join(' ', args)} on {Name} did not end within {TestTiming.CommandSeconds} s");
        }

        return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    /// <summary>Remembers the pids of this node's programs, for the clean-up.</summary>
    public async Task<IReadOnlyList<ProcessStatus>> ProcessesAsync()
    {
        var list = await Client.ListProcessesAsync().ConfigureAwait(false);
        Remember(list);
        return list;
    }

    public void Remember(IEnumerable<ProcessStatus> processes)
    {
        foreach (var p in processes)
        {
            if (p.Pid is { } pid)
            {
                _programPids.Add(pid);
            }
        }
    }

    public void Signal(int signal) => Signals.Send(Pid, signal);

    /// <summary>kill -9 of the daemon; its programs are left as they are (and ended at disposal).</summary>
    public async Task KillAsync()
    {
        Signal(Signals.SigKill);
        await _daemon!.WaitForExitAsync().ConfigureAwait(false);
    }

    public async Task<bool> WaitForExitAsync(double seconds)
    {
        using var timeout = new CancellationTokenSource(Built.Scaled(seconds));
        try
        {
            await _daemon!.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Enqueue(line);
            while (_log.Count > KeptLogLines)
            {
                _log.Dequeue();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_daemon is { HasExited: false } daemon)
        {
            try
            {
                Remember(await Client.ListProcessesAsync().ConfigureAwait(false));
            }
            catch (Exception error) when (error is DaemonUnreachableException or IOException or PbmApiException or TaskCanceledException)
            {
                // A stopped or dying daemon: its programs are known from earlier lists.
            }

            Signals.Send(daemon.Id, Signals.SigCont);
            Signals.Send(daemon.Id, Signals.SigTerm);
            if (!await WaitForExitAsync(20).ConfigureAwait(false))
            {
                Signals.Send(daemon.Id, Signals.SigKill);
                await daemon.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        foreach (var pid in _programPids)
        {
            Signals.KillGroup(pid);
        }

        _daemon?.Dispose();
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
            // A leftover in /tmp is harmless.
        }
    }
}
