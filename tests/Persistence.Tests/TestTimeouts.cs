using System.Globalization;

namespace ProcessManager.Persistence.Tests;

/// <summary>Generous time bounds, scaled by PBM_TEST_TIME_FACTOR on slow machines.</summary>
public static class TestTimeouts
{
    public static double Factor { get; } =
        double.TryParse(Environment.GetEnvironmentVariable("PBM_TEST_TIME_FACTOR"), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0
            ? f
            : 1;

    public static TimeSpan Scaled(TimeSpan timeout) => timeout * Factor;
}
