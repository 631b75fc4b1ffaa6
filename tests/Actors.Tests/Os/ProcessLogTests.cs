using System.Globalization;
using System.Text;
using ProcessManager.Actors.Os.Logs;
using Xunit;

namespace ProcessManager.Actors.Tests.Os;

public sealed class ProcessLogTests
{
    [Fact]
    public async Task A_million_lines_of_100_bytes_reach_the_file_complete_and_in_order()
    {
        const int Lines = 1_000_000;
        await using var scope = new OsTestScope();
        // The queue holds the whole burst: on a loaded CI machine the writer may be descheduled for
        // long stretches, and this test is about capture order and completeness, not about drops.
        var log = scope.NewLog(new LogSettings { MaxSize = 200_000_000, TotalCap = 400_000_000, RingBufferLines = 100, QueueCapacity = 160_000_000 });
        var child = await scope.StartTestProgramAsync(log, "--stdout-lines", Lines.ToString(CultureInfo.InvariantCulture), "--line-size", "100");

        await child.DrainedAsync(log);

        Assert.Equal(0, log.DroppedLines);
        Assert.Equal(Lines, log.CapturedLines);
        Assert.Equal(Lines * 100L, new FileInfo(log.StdoutPath).Length);
        var expected = 1;
        await foreach (var line in File.ReadLinesAsync(log.StdoutPath, TestContext.Current.CancellationToken))
        {
            if (line.Length != 99 || int.Parse(line.AsSpan(0, 10), CultureInfo.InvariantCulture) != expected)
            {
                Assert.Fail($"line {expected} is wrong: '{line}'");
            }
            expected++;
        }
        Assert.Equal(Lines + 1, expected);
    }

    [Fact]
    public async Task Stdout_and_stderr_go_to_their_own_files_and_the_ring()
    {
        await using var scope = new OsTestScope();
        var log = scope.NewLog();
        var child = await scope.StartAsync(log, "sh", "-c", "echo out1; echo err1 >&2; echo out2");

        await child.DrainedAsync(log);

        Assert.Equal(Path.Combine(scope.Directory, "app-0.out.log"), log.StdoutPath);
        Assert.Equal(Path.Combine(scope.Directory, "app-0.err.log"), log.StderrPath);
        Assert.Equal("out1\nout2\n", await File.ReadAllTextAsync(log.StdoutPath, TestContext.Current.CancellationToken));
        Assert.Equal("err1\n", await File.ReadAllTextAsync(log.StderrPath, TestContext.Current.CancellationToken));
        var tail = log.Tail(10);
        Assert.Equal(3, tail.Count);
        Assert.Contains(tail, l => l is { Stream: LogStreamKind.Stderr, Text: "err1" });
    }

    [Fact]
    public async Task Merged_output_goes_to_one_file()
    {
        await using var scope = new OsTestScope();
        var log = scope.NewLog(new LogSettings { Merge = true });
        var child = await scope.StartAsync(log, "sh", "-c", "echo out1; echo err1 >&2");

        await child.DrainedAsync(log);

        Assert.Equal(Path.Combine(scope.Directory, "app-0.log"), log.StdoutPath);
        Assert.Equal(log.StdoutPath, log.StderrPath);
        var lines = await File.ReadAllLinesAsync(log.StdoutPath, TestContext.Current.CancellationToken);
        Assert.Equal(["err1", "out1"], lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Timestamps_prefix_each_line_in_the_file()
    {
        await using var scope = new OsTestScope();
        var log = scope.NewLog(new LogSettings { Timestamps = true });
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var child = await scope.StartAsync(log, "sh", "-c", "echo hello");

        await child.DrainedAsync(log);

        var line = (await File.ReadAllLinesAsync(log.StdoutPath, TestContext.Current.CancellationToken)).Single();
        var parts = line.Split(' ', 2);
        Assert.Equal("hello", parts[1]);
        var stamp = DateTimeOffset.ParseExact(parts[0], "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(stamp, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Overlong_lines_are_split_and_an_unterminated_last_line_is_kept()
    {
        await using var scope = new OsTestScope();
        var log = scope.NewLog(new LogSettings { MaxLineLength = 100 });
        var child = await scope.StartAsync(log, "sh", "-c", "head -c 250 /dev/zero | tr '\\0' a; echo; printf tail");

        await child.DrainedAsync(log);

        var lines = await File.ReadAllLinesAsync(log.StdoutPath, TestContext.Current.CancellationToken);
        Assert.Equal([100, 100, 50, 4], lines.Select(l => l.Length));
        Assert.Equal("tail", lines[^1]);
    }

    [Fact]
    public async Task Tail_returns_the_last_lines_up_to_the_ring_size()
    {
        await using var scope = new OsTestScope();
        var log = scope.NewLog(new LogSettings { RingBufferLines = 10 });
        var child = await scope.StartAsync(log, "seq", "1", "50");

        await child.DrainedAsync(log);

        Assert.Equal(["46", "47", "48", "49", "50"], log.Tail(5).Select(l => l.Text));
        Assert.Equal(Enumerable.Range(41, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)), log.Tail(100).Select(l => l.Text));
    }

    [Fact]
    public async Task A_restarted_program_appends_to_the_same_files()
    {
        await using var scope = new OsTestScope();
        var log = scope.NewLog();
        var first = await scope.StartAsync(log, "echo", "first run");
        await first.DrainedAsync(log);
        var second = await scope.StartAsync(log, "echo", "second run");
        await second.DrainedAsync(log);

        Assert.Equal(["first run", "second run"], await File.ReadAllLinesAsync(log.StdoutPath, TestContext.Current.CancellationToken));
        Assert.Equal(["first run", "second run"], log.Tail(5).Select(l => l.Text));
    }

    [Fact]
    public async Task Rotation_keeps_keep_files_of_at_most_max_size_holding_the_latest_lines()
    {
        await using var scope = new OsTestScope();
        var log = scope.NewLog(new LogSettings { MaxSize = 1000, Keep = 3, TotalCap = 1_000_000 });
        var child = await scope.StartTestProgramAsync(log, "--stdout-lines", "300", "--line-size", "50");

        await child.DrainedAsync(log);

        var files = new[] { log.StdoutPath + ".3", log.StdoutPath + ".2", log.StdoutPath + ".1", log.StdoutPath };
        Assert.All(files, f => Assert.True(File.Exists(f), f + " missing"));
        Assert.False(File.Exists(log.StdoutPath + ".4"));
        Assert.All(files, f => Assert.InRange(new FileInfo(f).Length, 1, 1000));
        var numbers = files.SelectMany(File.ReadAllLines).Select(l => int.Parse(l.AsSpan(0, 10), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(300, numbers[^1]);
        Assert.Equal(Enumerable.Range(numbers[0], numbers.Count), numbers);
    }

    [Fact]
    public async Task The_total_cap_deletes_the_oldest_rotated_files()
    {
        await using var scope = new OsTestScope();
        // Each stream gets half the cap (2500): the current file may reach 1000, leaving 1500 for rotated ones.
        var log = scope.NewLog(new LogSettings { MaxSize = 1000, Keep = 5, TotalCap = 5000 });
        var child = await scope.StartTestProgramAsync(log, "--stdout-lines", "300", "--line-size", "50");

        await child.DrainedAsync(log);

        Assert.True(File.Exists(log.StdoutPath + ".1"));
        Assert.False(File.Exists(log.StdoutPath + ".2"));
        var total = Directory.EnumerateFiles(scope.Directory, "app-0.out.log*").Sum(f => new FileInfo(f).Length);
        Assert.InRange(total, 1, 2500);
    }

    [Fact]
    public void Rotating_file_puts_a_line_longer_than_max_size_in_a_file_of_its_own()
    {
        var dir = Directory.CreateTempSubdirectory("pbm-rotate-").FullName;
        try
        {
            var path = Path.Combine(dir, "x.log");
            using (var file = new RotatingLogFile(path, maxSize: 10, keep: 2, cap: 1000))
            {
                file.Write(Encoding.ASCII.GetBytes("abc\n0123456789ABCDEF\nxy\n"));
            }

            Assert.Equal("xy\n", File.ReadAllText(path));
            Assert.Equal("0123456789ABCDEF\n", File.ReadAllText(path + ".1"));
            Assert.Equal("abc\n", File.ReadAllText(path + ".2"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_follower_sees_every_line_across_rotations()
    {
        await using var scope = new OsTestScope();
        var log = scope.NewLog(new LogSettings { MaxSize = 2000, Keep = 2, TotalCap = 1_000_000 });
        using var follower = log.Follow(capacity: 10_000);
        var child = await scope.StartTestProgramAsync(log, "--stdout-lines", "500", "--line-size", "40");

        var received = new List<int>();
        while (received.Count < 500)
        {
            var line = await follower.WaitForLineAsync(_ => true);
            received.Add(int.Parse(line.Text.AsSpan(0, 10), CultureInfo.InvariantCulture));
        }
        await child.DrainedAsync(log);

        Assert.Equal(Enumerable.Range(1, 500), received);
        Assert.Equal(0, follower.Dropped);
        Assert.True(File.Exists(log.StdoutPath + ".2"), "the log rotated while followed");
    }

    [Fact]
    public async Task A_follower_that_does_not_read_loses_new_lines_and_counts_them()
    {
        await using var scope = new OsTestScope();
        var log = scope.NewLog();
        using var follower = log.Follow(capacity: 10);
        var child = await scope.StartAsync(log, "seq", "1", "100");

        await child.DrainedAsync(log);

        Assert.Equal(90, follower.Dropped);
        var kept = new List<string>();
        while (follower.Reader.TryRead(out var line))
        {
            kept.Add(line.Text);
        }
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)), kept);
        Assert.Equal(100, (await File.ReadAllLinesAsync(log.StdoutPath, TestContext.Current.CancellationToken)).Length);
    }

    [Fact]
    public async Task A_slow_disk_makes_lines_drop_and_counts_them_without_blocking_the_program()
    {
        await using var scope = new OsTestScope();
        using var disk = new GatedLogFile();
        var log = new ProcessLog(scope.Directory, "slow", 0, new LogSettings { MaxLineLength = 100, QueueCapacity = 2000 }, _ => disk);
        var child = await scope.StartAsync(log, "seq", "1", "5000");

        // The program finishes and its output is fully read while the disk accepts nothing.
        await child.Exited.Within();
        await child.OutputCompleted.Within();
        Assert.True(log.DroppedLines > 0);

        disk.Open();
        await log.FlushAsync(TestContext.Current.CancellationToken).Within();

        Assert.Equal(5000, log.CapturedLines);
        var written = disk.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var markers = written.Where(line => line.StartsWith("[pbm] ", StringComparison.Ordinal)).ToList();
        Assert.Equal(5000, written.Length - markers.Count + log.DroppedLines);
        Assert.NotEmpty(markers);
        Assert.Equal(log.DroppedLines, markers.Sum(marker => long.Parse(marker.Split(' ')[1], CultureInfo.InvariantCulture)));
        Assert.Equal("5000", log.Tail(1)[0].Text);
        await log.DisposeAsync();
    }

    [Fact]
    public async Task A_follower_that_fell_behind_gets_a_marker_with_the_count_where_lines_are_missing()
    {
        await using var scope = new OsTestScope();
        var log = scope.NewLog();
        using var follower = log.Follow(capacity: 10);
        var fifo = Path.Combine(scope.Directory, "go");
        Assert.Equal(0, (await (await scope.StartAsync(null, "mkfifo", fifo)).Exited.Within()).Code);
        var child = await scope.StartAsync(log, "sh", "-c", $"seq 1 100; cat {fifo}; echo last");
        for (var waited = TimeSpan.Zero; follower.Dropped < 90 && waited < OsTestScope.Patience; waited += TimeSpan.FromMilliseconds(20))
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        var read = new List<string>();
        while (follower.Reader.TryRead(out var line))
        {
            read.Add(line.Text);
        }

        await File.WriteAllTextAsync(fifo, "go\n", TestContext.Current.CancellationToken);
        await child.DrainedAsync(log);
        while (follower.Reader.TryRead(out var line))
        {
            read.Add(line.Text);
        }

        Assert.Equal([.. Enumerable.Range(1, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)), "[pbm] 90 lines missing here: this follower fell behind", "go", "last"], read);
        Assert.Equal(90, follower.Dropped);
    }

    [Fact]
    public void Settings_out_of_range_name_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => new LogSettings { MaxSize = 100, TotalCap = 150 }.Validate());
        Assert.Contains("logs.total-cap", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentException>(() => new LogSettings { Keep = -1 }.Validate());
        Assert.Contains("logs.keep", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A file that blocks every write until opened, then counts lines.</summary>
    private sealed class GatedLogFile : ILogFile
    {
        private readonly ManualResetEventSlim _gate = new();
        private readonly MemoryStream _written = new();

        /// <summary>What reached the file; read once the writer is done.</summary>
        public string Text => System.Text.Encoding.UTF8.GetString(_written.ToArray());

        public void Open() => _gate.Set();

        public void Write(ReadOnlySpan<byte> data)
        {
            _gate.Wait(OsTestScope.Patience);
            _written.Write(data);
        }

        public void Dispose() => _gate.Dispose();
    }
}
