using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace ProcessManager.EndToEnd.Tests;

/// <summary>
/// A temp PBM_HOME and pbm run as a user runs it (a separate process). Disposing stops the daemon through pbm,
/// then kills by pid whatever is left: the daemon's process group and every program it was seen running.
/// </summary>
internal sealed class PbmHome : IAsyncDisposable
{
    private readonly HashSet<int> _programPids = [];

    /// <summary>A temp home driven by <paramref name="pbm"/>: the JIT build's pbm.dll by default, or a native pbm binary.</summary>
    public PbmHome(string? pbm = null)
    {
        Pbm = pbm ?? Built.Pbm;
        Path = Directory.CreateTempSubdirectory("pbm-e2e-").FullName;
    }

    public string Path { get; }

    /// <summary>The pbm these tests run: a .dll runs under dotnet, anything else is executed directly.</summary>
    public string Pbm { get; }

    public string Socket => System.IO.Path.Combine(Path, "pbm.sock");

    /// <summary>The directory pbm runs in (as a user's shell would be); null keeps the test's.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>The running daemon's pid, asked through pbm (the lock file is flock-ed and not readable through .NET).</summary>
    public async Task<int?> DaemonPidAsync()
    {
        var status = await PbmAsync("daemon", "status", "--json").ConfigureAwait(false);
        return status.ExitCode == 0 ? JsonDocument.Parse(status.Output).RootElement.GetProperty("pid").GetInt32() : null;
    }

    public ProcessStartInfo StartInfo(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var managed = program.EndsWith(".dll", StringComparison.Ordinal);
        var start = new ProcessStartInfo(managed ? "dotnet" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (managed)
        {
            start.ArgumentList.Add(program);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (WorkingDirectory is not null)
        {
            start.WorkingDirectory = WorkingDirectory;
        }

        start.Environment["PBM_HOME"] = Path;
        start.Environment["HOME"] = Path;
        start.Environment["PBM_DAEMON"] = Built.Pbmd;
        start.Environment.Remove("PBM_HOST");
        start.Environment.Remove("PBM_TOKEN");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>Runs pbm to completion.</summary>
    public async Task<CommandResult> PbmAsync(params string[] args) => await PbmAsync(args, null).ConfigureAwait(false);

    public async Task<CommandResult> PbmAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        using var process = Process.Start(StartInfo(Pbm, args, environment))!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Built.Scaled(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pbm {string.Join(' ', args)} did not finish within {Built.Scaled(60).TotalSeconds} s");
        }

        return new CommandResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    /// <summary>Process list as JSON; remembers the pids for the final clean-up.</summary>
    public async Task<IReadOnlyList<JsonElement>> ListAsync()
    {
        var result = (await PbmAsync("process", "list", "--json").ConfigureAwait(false)).ShouldSucceed();
        var items = JsonDocument.Parse(result.Output).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
        foreach (var item in items)
        {
            if (item.GetProperty("pid").ValueKind == JsonValueKind.Number)
            {
                _programPids.Add(item.GetProperty("pid").GetInt32());
            }
        }

        return items;
    }

    /// <summary>Polls the list until <paramref name="condition"/> holds (the daemon has no "wait until" call).</summary>
    public async Task<IReadOnlyList<JsonElement>> AwaitListAsync(Func<IReadOnlyList<JsonElement>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Built.Scaled(20);
        while (true)
        {
            var list = await ListAsync().ConfigureAwait(false);
            if (condition(list))
            {
                return list;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}; last list: {string.Join(", ", list.Select(e => e.ToString()))}");
            }
        }
    }

    public static JsonElement Find(IReadOnlyList<JsonElement> list, string name) =>
        list.Single(e => e.GetProperty("name").GetString() == name);

    public async ValueTask DisposeAsync()
    {
        int? pid = null;
        if (File.Exists(Socket))
        {
            try
            {
                pid = await DaemonPidAsync().ConfigureAwait(false);
                await ListAsync().ConfigureAwait(false);
                await PbmAsync("daemon", "stop").ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or Xunit.Sdk.XunitException or JsonException)
            {
                // Fall through to the kills below.
            }
        }

        if (pid is { } daemon)
        {
            Signals.KillGroup(daemon);
        }

        foreach (var program in _programPids)
        {
            Signals.KillGroup(program);
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Harmless leftover in /tmp.
        }
    }

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
