using System.Reflection;
using Microsoft.AspNetCore.Hosting.Server;

namespace ProcessManager.Host.Api;

/// <summary>
/// Kestrel checks its connections' timeouts and refreshes its Date header on a heartbeat thread that wakes every second,
/// even with no connection open: the largest single cost of an idle daemon. Kestrel has no option for the interval, so
/// it is set on Kestrel's internal heartbeat, found by reflection; a Kestrel without it keeps its 1 s.
/// </summary>
internal static class KestrelHeartbeat
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>Sets the interval of <paramref name="server"/>'s heartbeat; false when this Kestrel has none to set.</summary>
    /// <remarks>The heartbeat reads the interval before each wait, so it applies from the next beat on.</remarks>
    public static bool TrySetInterval(IServer server, TimeSpan interval)
    {
        if (Find(server) is not ({ } heartbeat, { } field))
        {
            return false;
        }

        field.SetValue(heartbeat, interval);
        return true;
    }

    private static (object? Heartbeat, FieldInfo? Field) Find(IServer server)
    {
        // KestrelServer wraps KestrelServerImpl; both lead to ServiceContext.Heartbeat._interval.
        var inner = server.GetType().GetField("_innerKestrelServer", Instance)?.GetValue(server) ?? server;
        var context = inner.GetType().GetProperty("ServiceContext", Instance)?.GetValue(inner);
        var heartbeat = context?.GetType().GetProperty("Heartbeat", Instance)?.GetValue(context);
        var field = heartbeat?.GetType().GetField("_interval", Instance);
        return field?.FieldType == typeof(TimeSpan) ? (heartbeat, field) : (null, null);
    }
}
