using System.Runtime.Versioning;
using System.Text;
using ProcessManager.Actors.Os.Logs;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Security;

/// <summary>Program output is private: log files and rotated ones 0600, log folders made 0700, outside PBM_HOME too.</summary>
[SupportedOSPlatform("linux")]
public sealed class ProcessLogFileModeTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void Process_log_files_and_rotated_ones_are_0600_in_new_0700_folders()
    {
        var root = Directory.CreateTempSubdirectory("pbm-logmodes-").FullName;
        try
        {
            var path = Path.Combine(root, "srv", "logs", "web-0.out.log");
            using (var file = new RotatingLogFile(path, maxSize: 64, keep: 2, cap: 100_000))
            {
                for (var i = 0; i < 20; i++)
                {
                    file.Write(Encoding.ASCII.GetBytes("a line of program output\n"));
                }
            }

            Assert.True(File.Exists(path + ".2"));
            Assert.All(Directory.EnumerateFiles(Path.GetDirectoryName(path)!), f => Assert.True(File.GetUnixFileMode(f) == Private, $"{f} is {File.GetUnixFileMode(f)}"));
            Assert.Equal(Private | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(root, "srv", "logs")));
            Assert.Equal(Private | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(root, "srv")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
