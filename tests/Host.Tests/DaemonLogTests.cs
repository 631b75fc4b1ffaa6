using Microsoft.Extensions.Logging;
using ProcessManager.Configuration;
using ProcessManager.Hocon;
using ProcessManager.Host.Hosting.DaemonLog;

namespace ProcessManager.Host.Tests;

/// <summary>The background daemon's own log is bounded: rotated at start and while running, pbm.daemon-log sets the bounds.</summary>
public sealed partial class DaemonLogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pbm-daemon-log-").FullName;

    private string LogFile => Path.Combine(_folder, "logs", "pbmd.log");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Reference_conf_documents_the_defaults_and_out_of_range_values_name_the_key()
    {
        var reference = DaemonLogSettings.Read(PbmConfigLoader.Load(new PbmConfigSources { SystemFile = null, PbmHome = _folder }).Config);
        Assert.Equal(new DaemonLogSettings { MaxSize = 10 * 1024 * 1024, Keep = 3, Queue = 4096 }, reference);

        var set = DaemonLogSettings.Read(ConfigurationFactory.ParseString("pbm.daemon-log { max-size = 64KiB, keep = 5, queue = 100 }"));
        Assert.Equal(new DaemonLogSettings { MaxSize = 64 * 1024, Keep = 5, Queue = 100 }, set);

        var error = Assert.Throws<ConfigurationException>(() => DaemonLogSettings.Read(ConfigurationFactory.ParseString("pbm.daemon-log.max-size = 10")));
        Assert.Contains("pbm.daemon-log.max-size", error.Message, StringComparison.Ordinal);
        Assert.Throws<ConfigurationException>(() => DaemonLogSettings.Read(ConfigurationFactory.ParseString("pbm.daemon-log.keep = -1")));
    }

    [Fact]
    public void A_full_log_is_rotated_at_start_and_the_oldest_beyond_keep_is_deleted()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LogFile)!);
        File.WriteAllText(LogFile, new string('c', 2048));
        File.WriteAllText(LogFile + ".1", "previous");
        File.WriteAllText(LogFile + ".2", "oldest");
        var settings = new DaemonLogSettings { MaxSize = 1024, Keep = 2 };

        using (new RotatingLogFile(LogFile, settings))
        {
        }

        Assert.Equal(0, new FileInfo(LogFile).Length);
        Assert.Equal(2048, new FileInfo(LogFile + ".1").Length);
        Assert.Equal("previous", File.ReadAllText(LogFile + ".2"));
        Assert.False(File.Exists(LogFile + ".3"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(LogFile));
    }

    [Fact]
    public void A_log_under_the_size_is_appended_to_not_rotated()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LogFile)!);
        File.WriteAllText(LogFile, "yesterday\n");

        using (var file = new RotatingLogFile(LogFile, new DaemonLogSettings { MaxSize = 1024, Keep = 2 }))
        {
            file.Write("today\n"u8);
        }

        Assert.Equal("yesterday\ntoday\n", File.ReadAllText(LogFile));
        Assert.False(File.Exists(LogFile + ".1"));
    }

    [Fact]
    public void While_running_the_logger_rotates_so_the_files_stay_within_keep_plus_one_times_max_size()
    {
        var settings = new DaemonLogSettings { MaxSize = 4096, Keep = 2, Queue = 100_000 };
        var reopened = 0;
        using (var provider = new RotatingFileLoggerProvider(LogFile, settings, _ => reopened++))
        {
            var logger = provider.CreateLogger("ProcessManager.Test");
            for (var i = 0; i < 1000; i++)
            {
                LogLine(logger, i);
            }
        }

        var files = Directory.GetFiles(Path.GetDirectoryName(LogFile)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([LogFile, LogFile + ".1", LogFile + ".2"], files);
        Assert.All(files, f => Assert.InRange(new FileInfo(f).Length, 0, settings.MaxSize + 200));

        // The newest line is in the current file, the oldest were rotated away; every open was reported.
        var current = File.ReadAllText(LogFile) + File.ReadAllText(LogFile + ".1");
        var newest = current.Split('\n').Single(l => l.Contains("line 0999 of the daemon log", StringComparison.Ordinal));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info: ProcessManager\.Test\[\d+\] line 0999 of the daemon log$", newest);
        Assert.DoesNotContain("line 0000 ", File.ReadAllText(LogFile + ".2") + current, StringComparison.Ordinal);
        Assert.True(reopened > 3, $"{reopened} files opened");
    }

    [Fact]
    public void Lines_beyond_the_queue_are_dropped_never_waited_for_and_the_file_says_how_many()
    {
        var settings = new DaemonLogSettings { MaxSize = 1024, Keep = 100, Queue = 16 };
        using var writerStuck = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var opened = 0;
        var provider = new RotatingFileLoggerProvider(LogFile, settings, _ =>
        {
            // The first rotation (the second file opened) holds the writer, as a slow disk would.
            if (Interlocked.Increment(ref opened) == 2)
            {
                writerStuck.Set();
                release.Wait(TestContext.Current.CancellationToken);
            }
        });
        var number = 0;
        try
        {
            var logger = provider.CreateLogger("ProcessManager.Test");

            // Whichever 16 of these the queue holds are more than the 1 KiB that makes the writer rotate.
            for (var i = 0; i < 20; i++)
            {
                LogBurst(logger, number++);
            }

            Assert.True(writerStuck.Wait(TestTime.Scale(TimeSpan.FromSeconds(30)), TestContext.Current.CancellationToken), "the writer reached the first rotation");

            for (var i = 0; i < 100; i++)
            {
                LogBurst(logger, number++);
            }
        }
        finally
        {
            release.Set();
            provider.Dispose();
        }

        var text = string.Concat(Directory.GetFiles(Path.GetDirectoryName(LogFile)!).Select(File.ReadAllText));
        var written = text.Split('\n').Count(l => l.Contains("burst ", StringComparison.Ordinal));
        var reports = System.Text.RegularExpressions.Regex.Matches(text, @"warn: (\d+) log lines dropped: the log writer fell behind \(pbm.daemon-log.queue\)");
        Assert.NotEmpty(reports);
        var dropped = reports.Sum(r => int.Parse(r.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(dropped >= 100 - settings.Queue, $"{dropped} dropped");
        Assert.Equal(number, written + dropped);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "line {Number:D4} of the daemon log")]
    private static partial void LogLine(ILogger logger, int number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "burst {Number} of lines written faster than the disk takes them")]
    private static partial void LogBurst(ILogger logger, int number);
}
