using System.Diagnostics;

namespace ProcessManager.EndToEnd.Tests;

/// <summary>
/// pbm published as Native AOT, once per test run and only when a test asks for it (a class fixture): the same
/// <c>dotnet publish -c Release src/Cli</c> a user runs, into this test project's output folder (so a second run
/// is incremental and the repository's own bin folders are untouched). <c>PBM_TEST_AOT_PBM=/path/to/pbm</c> uses an
/// already published binary instead. Without a C toolchain (the AOT linker step needs gcc or clang, and objcopy) the
/// tests are skipped, except under <c>CI=true</c>, where they fail.
/// </summary>
public sealed class NativePbm : IAsyncLifetime
{
    private string? _path;
    private string? _skip;
    private string? _failure;

    /// <summary>The native pbm; skips or fails the calling test when there is none.</summary>
    public string Path
    {
        get
        {
            if (_failure is not null)
            {
                Assert.Fail(_failure);
            }

            if (_skip is not null)
            {
                Assert.Skip(_skip);
            }

            return _path!;
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("PBM_TEST_AOT_PBM") is { Length: > 0 } given)
        {
            _path = File.Exists(given) ? given : null;
            _failure = _path is null ? $"PBM_TEST_AOT_PBM={given} does not exist" : null;
            return;
        }

        var missing = new[] { ("gcc", "clang"), ("objcopy", "llvm-objcopy") }
            .Where(tool => FindOnPath(tool.Item1) is null && FindOnPath(tool.Item2) is null)
            .Select(tool => $"{tool.Item1} (or {tool.Item2})")
            .ToList();
        if (missing.Count > 0)
        {
            var reason = $"Native AOT publishing needs a C toolchain; not on PATH: {string.Join(", ", missing)} (apt-get install gcc binutils)";
            if (Environment.GetEnvironmentVariable("CI") is "true" or "1")
            {
                _failure = reason + " — CI=true, so this is a failure, not a skip";
            }
            else
            {
                _skip = reason;
            }

            return;
        }

        var folder = System.IO.Path.Combine(AppContext.BaseDirectory, "native-pbm");
        var output = System.IO.Path.Combine(folder, "out");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Built.RepositoryRoot,
        };
        foreach (var arg in new[]
        {
            "publish", System.IO.Path.Combine(Built.RepositoryRoot, "src", "Cli"), "-c", "Release",
            "--artifacts-path", folder, "-o", output, "-nologo",
            // Leave nothing running after the test: no MSBuild node or compiler server outlives the publish.
            "-nodeReuse:false", "-p:UseSharedCompilation=false",
        })
        {
            start.ArgumentList.Add(arg);
        }

        // The test host's MSBuild variables would point the publish at the SDK's test-time state.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("MSBUILD", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        using var publish = Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Built.Scaled(900));
        try
        {
            await publish.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            publish.Kill(entireProcessTree: true);
            _failure = $"dotnet publish -c Release src/Cli did not finish within {Built.Scaled(900).TotalSeconds} s";
            return;
        }

        var pbm = System.IO.Path.Combine(output, "pbm");
        if (publish.ExitCode != 0 || !File.Exists(pbm))
        {
            _failure = $"dotnet publish -c Release src/Cli failed (exit {publish.ExitCode}):\n{await stdout}\n{await stderr}";
            return;
        }

        _path = pbm;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
