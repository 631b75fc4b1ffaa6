using System.Globalization;

namespace ProcessManager.Kernel.TestKit;

/// <summary>Timeouts scaled by the environment variable PBM_TEST_TIME_FACTOR (default 1).</summary>
public static class TestKitSettings
{
    public static double TimeFactor { get; } = ReadFactor();

    /// <summary>Default wait for an expected message: 3 s × factor.</summary>
    public static TimeSpan DefaultTimeout => Dilated(TimeSpan.FromSeconds(3));

    /// <summary>Default window for ExpectNoMsg: 200 ms × factor.</summary>
    public static TimeSpan DefaultNoMessageWindow => Dilated(TimeSpan.FromMilliseconds(200));

    public static TimeSpan Dilated(TimeSpan duration) =>
        duration == Timeout.InfiniteTimeSpan ? duration : TimeSpan.FromTicks((long)(duration.Ticks * TimeFactor));

    private static double ReadFactor()
    {
        var text = Environment.GetEnvironmentVariable("PBM_TEST_TIME_FACTOR");
        if (string.IsNullOrWhiteSpace(text))
        {
            return 1;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) || factor <= 0)
        {
            throw new InvalidOperationException($"PBM_TEST_TIME_FACTOR must be a positive number, was '{text}'.");
        }

        return factor;
    }

    /// <summary>Tests block threads while waiting; enough pool threads keep actors running meanwhile.</summary>
    internal static void EnsureThreadPool()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < 64)
        {
            ThreadPool.SetMinThreads(64, io);
        }
    }
}
