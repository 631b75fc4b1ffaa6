using System.Diagnostics;
using ProcessManager.Contracts.Client;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Tests;

/// <summary>Acknowledged means durable: a journal that cannot write refuses the command, and the daemon goes on.</summary>
public sealed partial class ActorBackendApiTests
{
    [Fact]
    public async Task On_a_full_disk_commands_fail_with_the_reason_nothing_changes_and_the_daemon_keeps_working()
    {
        using var disk = SmallDisk.Mount();
        var home = Directory.CreateDirectory(Path.Combine(disk.Path, "home")).FullName;
        const string Config = "pbm.process-defaults.stop.timeout = 2s\n";
        int pid;
        await using (var daemon = await RealDaemon.StartAsync(Config, home: home))
        {
            pid = (await daemon.Client.StartProcessAsync(new StartProcessRequest("kept", ["sleep", "300"]), Ct)).Pid!.Value;
            await daemon.Client.StartProcessAsync(new StartProcessRequest("talker", ["sh", "-c", "i=0; while :; do i=$((i+1)); echo line-$i-of-a-talkative-program; sleep 0.002; done"]), Ct);
            await AwaitAsync(async () => (await daemon.Client.TailLogAsync("talker", 1, Ct)).Count == 1, "talker talks");
            disk.Fill();

            var stop = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.StopProcessAsync("kept", Ct));
            Assert.Equal(503, stop.StatusCode);
            Assert.Contains("the stop was not recorded, so nothing was changed", stop.Error, StringComparison.Ordinal);
            Assert.Contains("disk is full", stop.Error, StringComparison.Ordinal);
            var start = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.StartProcessAsync(new StartProcessRequest("added", ["sleep", "301"]), Ct));
            Assert.Equal(503, start.StatusCode);
            var apply = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.ApplyConfigAsync(
                new ApplyConfigRequest("processes {\n  kept { command = [sleep, \"300\"] }\n  applied { command = [sleep, \"302\"] }\n}\n", "apps.conf"), Ct));
            Assert.Equal(503, apply.StatusCode);

            var list = (await daemon.Client.ListProcessesAsync(Ct)).Where(p => p.Name != "talker").ToList();
            Assert.Equal(["kept"], list.Select(p => p.Name));
            Assert.Equal(("running", pid), (list[0].Status, list[0].Pid!.Value));
            var status = await daemon.Client.GetDaemonStatusAsync(Ct);
            Assert.True(status.JournalWritesRefused >= 3, $"refused writes counted: {status.JournalWritesRefused}");
            Assert.Contains("disk is full", status.LastJournalError, StringComparison.Ordinal);

            disk.Free();
            Assert.Equal("stopped", (await daemon.Client.StopProcessAsync("kept", Ct)).Status);
            Assert.Equal("stopped", (await daemon.Client.StopProcessAsync("talker", Ct)).Status);
            await daemon.Client.FlushLogsAsync("talker", Ct);

            // The file holds whole lines only (and markers where lines are missing).
            var text = await File.ReadAllTextAsync(Path.Combine(home, "logs", "talker-0.out.log"), Ct);
            Assert.EndsWith("\n", text, StringComparison.Ordinal);
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.All(lines, line => Assert.Matches(@"\A([0-9T:.-]+Z )?(line-[0-9]+-of-a-talkative-program|\[pbm\] [0-9]+ lines missing here: .+)\z", line));
        }

        Assert.False(IsAlive(pid));
        await using (var restarted = await RealDaemon.StartAsync(Config, home: home))
        {
            // What the journal holds is what was acknowledged: kept was stopped, the refused apps never existed.
            var list = await restarted.Client.ListProcessesAsync(Ct);
            Assert.Equal([("kept", "stopped"), ("talker", "stopped")], list.Select(p => (p.Name, p.Status)).OrderBy(p => p.Name, StringComparer.Ordinal));
        }
    }

    private static bool IsAlive(int pid) => kill(pid, 0) == 0;

    /// <summary>A tmpfs of a few MiB the test mounts (it runs as root here), filled and freed on demand.</summary>
    private sealed class SmallDisk : IDisposable
    {
        private SmallDisk(string path) => Path = path;

        public string Path { get; }

        private string Filler => System.IO.Path.Combine(Path, "filler");

        public static SmallDisk Mount()
        {
            var path = Directory.CreateTempSubdirectory("pbm-small-disk-").FullName;
            if (Run("mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", path) is { } error)
            {
                Directory.Delete(path);
                var why = "mounting a small tmpfs for the full-disk test needs root (CAP_SYS_ADMIN): " + error;
                if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                {
                    Assert.Fail(why);
                }

                Assert.Skip(why);
            }

            return new SmallDisk(path);
        }

        /// <summary>Writes zeros until the file system says it is full.</summary>
        public void Fill()
        {
            using var stream = new FileStream(Filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
            var block = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    stream.Write(block);
                }
            }
            catch (IOException)
            {
                // Full.
            }
        }

        public void Free() => File.Delete(Filler);

        public void Dispose()
        {
            Run("umount", "-l", Path);
            Directory.Delete(Path, recursive: true);
        }

        private static string? Run(string program, params string[] args)
        {
            using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"{program} exited {process.ExitCode}: {error.Trim()}";
        }
    }
}
