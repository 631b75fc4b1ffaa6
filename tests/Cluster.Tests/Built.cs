namespace ProcessManager.Cluster.Tests;

/// <summary>Where the built pbm and pbmd live: the repository's own build output, same configuration as the tests.</summary>
internal static class Built
{
    private static readonly DirectoryInfo TestOutput = new(AppContext.BaseDirectory.TrimEnd('/'));

    public static string RepositoryRoot { get; } = FindRoot();

    public static string Pbm => Output("src/Cli", "pbm");

    public static string Pbmd => Output("src/Daemon", "pbmd");

    /// <summary>PBM_TEST_TIME_FACTOR stretches every wait on a slow machine.</summary>
    public static TimeSpan Scaled(double seconds) => TimeSpan.FromSeconds(seconds * (
        double.TryParse(Environment.GetEnvironmentVariable("PBM_TEST_TIME_FACTOR"), System.Globalization.CultureInfo.InvariantCulture, out var f) && f > 0 ? f : 1));

    private static string Output(string project, string assembly)
    {
        var path = Path.Combine(RepositoryRoot, project, "bin", TestOutput.Parent!.Name, TestOutput.Name, assembly + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built; build the solution first", path);
    }

    private static string FindRoot()
    {
        for (var dir = TestOutput; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProcessManager.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("cannot find ProcessManager.sln above " + TestOutput.FullName);
    }
}
