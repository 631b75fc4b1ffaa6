using System.Diagnostics;
using System.Text;

namespace ProcessManager.Hocon.Tests.Differential;

/// <summary>
/// Lightbend's reference parser (Debian's libtypesafe-config-java) run by Oracle/HoconOracle.java in one JVM
/// for a whole corpus. Missing java or jar: the test fails under CI=true and skips locally.
/// </summary>
internal static class ReferenceOracle
{
    public const string JarEnvironmentVariable = "PBM_TYPESAFE_CONFIG_JAR";
    private static readonly string[] JarCandidates = ["/usr/share/java/typesafe-config.jar"];

    /// <summary>Outcome per file: "OK json" or "ERR message".</summary>
    public static IReadOnlyList<string> Run(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var (java, jar) = Locate();
        var script = Path.Combine(AppContext.BaseDirectory, "Oracle", "HoconOracle.java");
        var start = new ProcessStartInfo(java)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var arg in new[] { "-Xss16m", "-cp", jar, script })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {java}");
        try
        {
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            var writer = Task.Run(
                () =>
                {
                    foreach (var file in files)
                    {
                        process.StandardInput.WriteLine(file);
                    }

                    process.StandardInput.Close();
                },
                cancellationToken);
            var results = new List<string>(files.Count);
            while (process.StandardOutput.ReadLine() is { } line)
            {
                results.Add(line);
            }

            writer.GetAwaiter().GetResult();
            process.WaitForExit();
            if (results.Count != files.Count)
            {
                throw new InvalidOperationException(
                    $"the oracle answered {results.Count} of {files.Count} files; exit code {process.ExitCode}; stderr: {stderr.GetAwaiter().GetResult()}"
                    + " (java runs HoconOracle.java in source-file mode, which needs a JDK with jdk.compiler: run .ci/install-hocon-oracle.sh)");
            }

            return results;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Skips (locally) or fails (CI=true) when the reference implementation is not installed.</summary>
    public static (string Java, string Jar) Locate()
    {
        var java = FindOnPath("java");
        var jar = Environment.GetEnvironmentVariable(JarEnvironmentVariable) is { Length: > 0 } configured
            ? configured
            : Array.Find(JarCandidates, File.Exists);
        if (java is not null && jar is not null && File.Exists(jar))
        {
            return (java, jar);
        }

        var message = $"The reference HOCON implementation is not available (java: {java ?? "not on PATH"}, jar: {jar ?? "not found"}); run .ci/install-hocon-oracle.sh or set {JarEnvironmentVariable}.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        throw new UnreachableException();
    }

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
