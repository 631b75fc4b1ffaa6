using System.Globalization;
using System.Text;

namespace ProcessManager.Persistence.Configuration;

/// <summary>Writes HOCON values: quoted strings and durations.</summary>
internal static class Hocon
{
    /// <summary>A double-quoted HOCON string (JSON escapes), safe for paths and connection strings.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                < ' ' => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A duration in whole milliseconds, rounded up so that a small non-zero value stays non-zero.</summary>
    public static string Duration(TimeSpan value) =>
        string.Create(CultureInfo.InvariantCulture, $"{(long)Math.Ceiling(value.TotalMilliseconds)}ms");

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
