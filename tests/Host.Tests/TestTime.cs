using System.Globalization;

namespace ProcessManager.Host.Tests;

/// <summary>Timeouts of these tests, scaled by PBM_TEST_TIME_FACTOR (default 1) for slow machines.</summary>
internal static class TestTime
{
    private static readonly double Factor =
        double.TryParse(Environment.GetEnvironmentVariable("PBM_TEST_TIME_FACTOR"), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0 ? f : 1;

    public static TimeSpan Scale(TimeSpan timeout) => timeout * Factor;

    /// <summary>Asks <paramref name="condition"/> until it holds; for changes the daemon makes asynchronously (a closed connection noticed).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + Scale(within);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{what} did not happen within {Scale(within)}");
            }

            // A short pause between questions, not a wait for the outcome: the condition decides.
            await Task.Delay(20);
        }
    }
}
