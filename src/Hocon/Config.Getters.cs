using System.Globalization;

namespace ProcessManager.Hocon;

public sealed partial class Config
{
    public string GetString(string path) => AsString(path, Find(path, required: true)!);

    public string? GetString(string path, string? defaultValue) => Find(path, required: false) is { } v ? AsString(path, v) : defaultValue;

    /// <summary>true/false, and the strings yes/no, on/off, true/false.</summary>
    public bool GetBoolean(string path) => AsBoolean(path, Find(path, required: true)!);

    public bool GetBoolean(string path, bool defaultValue) => Find(path, required: false) is { } v ? AsBoolean(path, v) : defaultValue;

    public int GetInt(string path) => AsInt(path, Find(path, required: true)!);

    public int GetInt(string path, int defaultValue) => Find(path, required: false) is { } v ? AsInt(path, v) : defaultValue;

    public long GetLong(string path) => AsLong(path, Find(path, required: true)!);

    public long GetLong(string path, long defaultValue) => Find(path, required: false) is { } v ? AsLong(path, v) : defaultValue;

    public double GetDouble(string path) => AsDouble(path, Find(path, required: true)!);

    public double GetDouble(string path, double defaultValue) => Find(path, required: false) is { } v ? AsDouble(path, v) : defaultValue;

    /// <summary>A duration such as <c>10s</c>, <c>1.5 hours</c>, <c>250ms</c> or <c>infinite</c>; a bare number is milliseconds.</summary>
    public TimeSpan GetTimeSpan(string path) => AsTimeSpan(path, Find(path, required: true)!);

    public TimeSpan GetTimeSpan(string path, TimeSpan defaultValue) => Find(path, required: false) is { } v ? AsTimeSpan(path, v) : defaultValue;

    /// <summary>A size in bytes such as <c>512k</c>, <c>10 MiB</c>, <c>1MB</c> or a bare number of bytes; null when missing.</summary>
    public long? GetByteSize(string path) => Find(path, required: false) is { } v ? AsByteSize(path, v) : null;

    public long GetByteSize(string path, long defaultValue) => GetByteSize(path) ?? defaultValue;

    public IReadOnlyList<string> GetStringList(string path) => MapList(path, Find(path, required: true)!, AsString);

    public IReadOnlyList<string> GetStringList(string path, IReadOnlyList<string> defaultValue) =>
        Find(path, required: false) is { } v ? MapList(path, v, AsString) : defaultValue;

    public IReadOnlyList<int> GetIntList(string path) => MapList(path, Find(path, required: true)!, AsInt);

    public IReadOnlyList<long> GetLongList(string path) => MapList(path, Find(path, required: true)!, AsLong);

    public IReadOnlyList<double> GetDoubleList(string path) => MapList(path, Find(path, required: true)!, AsDouble);

    public IReadOnlyList<bool> GetBooleanList(string path) => MapList(path, Find(path, required: true)!, AsBoolean);

    public IReadOnlyList<TimeSpan> GetTimeSpanList(string path) => MapList(path, Find(path, required: true)!, AsTimeSpan);

    /// <summary>A list of objects, each as a config.</summary>
    public IReadOnlyList<Config> GetConfigList(string path) =>
        MapList(path, Find(path, required: true)!, (p, v) => v is HoconObject o ? new Config(o) : throw new ConfigWrongTypeException(p, "object", v));

    /// <summary>The elements of an array (or of an object with numeric keys 0, 1, ... read as a list).</summary>
    public IReadOnlyList<HoconValue> GetValueList(string path) => AsList(path, Find(path, required: true)!);

    private static string AsString(string path, HoconValue value) => value switch
    {
        HoconString s => s.Value,
        HoconNumber or HoconBoolean => value.ConcatText!,
        _ => throw new ConfigWrongTypeException(path, "string", value),
    };

    private static bool AsBoolean(string path, HoconValue value) => value switch
    {
        HoconBoolean b => b.Value,
        HoconString { Value: "true" or "yes" or "on" } => true,
        HoconString { Value: "false" or "no" or "off" } => false,
        _ => throw new ConfigWrongTypeException(path, "boolean (true/false, yes/no, on/off)", value),
    };

    private static HoconNumber AsNumber(string path, HoconValue value, string expected) => value switch
    {
        HoconNumber n => n,
        HoconString s when HoconNumber.TryParse(s.Value.Trim(), value.Origin) is { } n => n,
        _ => throw new ConfigWrongTypeException(path, expected, value),
    };

    private static long AsLong(string path, HoconValue value)
    {
        var number = AsNumber(path, value, "whole number");
        return number.LongValue is { } l && (number.IsIntegral || Math.Abs(number.DoubleValue) < 9.2e18)
            ? l
            : throw new ConfigWrongTypeException(path, "whole number in the range of a 64-bit integer", value);
    }

    private static int AsInt(string path, HoconValue value)
    {
        var l = AsLong(path, value);
        return l is >= int.MinValue and <= int.MaxValue ? (int)l : throw new ConfigWrongTypeException(path, "whole number in the range of a 32-bit integer", value);
    }

    private static double AsDouble(string path, HoconValue value) => AsNumber(path, value, "number").DoubleValue;

    private static TimeSpan AsTimeSpan(string path, HoconValue value) => value switch
    {
        HoconNumber n => TimeSpan.FromTicks(checked((long)(n.DoubleValue * TimeSpan.TicksPerMillisecond))),
        HoconString s => DurationParser.TryParse(s.Value, out var d) ? d : throw new ConfigWrongTypeException(path, "duration (e.g. 500ms, 10s, 5 minutes)", value),
        _ => throw new ConfigWrongTypeException(path, "duration (e.g. 500ms, 10s, 5 minutes)", value),
    };

    private static long AsByteSize(string path, HoconValue value) => value switch
    {
        HoconNumber { LongValue: { } l } when l >= 0 => l,
        HoconString s when ByteSizeParser.TryParse(s.Value, out var size) => size,
        _ => throw new ConfigWrongTypeException(path, "size in bytes (e.g. 512k, 10MiB, 1GB)", value),
    };

    private static IReadOnlyList<HoconValue> AsList(string path, HoconValue value)
    {
        if (value is HoconArray array)
        {
            return array.Items;
        }

        if (value is HoconObject obj)
        {
            // An object whose keys are integers reads as a list in key order (e.g. set from properties a.0, a.1).
            var numbered = new List<(long Index, HoconValue Value)>();
            foreach (var (key, item) in obj.Fields)
            {
                if (long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    numbered.Add((index, item));
                }
            }

            if (numbered.Count > 0 || obj.Count == 0)
            {
                return [.. numbered.OrderBy(n => n.Index).Select(n => n.Value)];
            }
        }

        throw new ConfigWrongTypeException(path, "list", value);
    }

    private static List<T> MapList<T>(string path, HoconValue value, Func<string, HoconValue, T> map)
    {
        var items = AsList(path, value);
        var result = new List<T>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            result.Add(item.Type == HoconValueType.Null
                ? throw new ConfigWrongTypeException($"{path}[{i}]", "non-null list element", item)
                : map($"{path}[{i}]", item));
        }

        return result;
    }
}
