namespace ProcessManager.Dashboard.Tests;

/// <summary>Where the built pbmd lives: the repository's own build output, same configuration as the tests.</summary>
internal static class Built
{
    private static readonly DirectoryInfo TestOutput = new(AppContext.BaseDirectory.TrimEnd('/'));

    public static string Pbmd
    {
        get
        {
            for (var dir = TestOutput; dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ProcessManager.sln")))
                {
                    var path = Path.Combine(dir.FullName, "src/Daemon/bin", TestOutput.Parent!.Name, TestOutput.Name, "pbmd.dll");
                    return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built; build the solution first", path);
                }
            }

            throw new DirectoryNotFoundException("cannot find ProcessManager.sln above " + TestOutput.FullName);
        }
    }
}
