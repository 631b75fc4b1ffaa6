using System.Globalization;
using System.Text;

namespace ProcessManager.Host.Tests.Observability;

/// <summary>One sample of a scrape: metric name, labels and value.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// A parser of the Prometheus text exposition format (version 0.0.4): # HELP and # TYPE lines, samples
/// <c>name{label="value",...} value [timestamp]</c> with escaped label values; anything else is a format error.
/// </summary>
internal static class PrometheusText
{
    public static (IReadOnlyList<PrometheusSample> Samples, IReadOnlyDictionary<string, string> Types) Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 4 && parts[1] == "TYPE")
                {
                    if (parts[3] is not ("counter" or "gauge" or "histogram" or "summary" or "untyped"))
                    {
                        throw new FormatException($"line {lineNumber}: unknown type '{parts[3]}'");
                    }

                    if (!types.TryAdd(parts[2], parts[3]))
                    {
                        throw new FormatException($"line {lineNumber}: a second TYPE line for {parts[2]}");
                    }
                }

                continue;
            }

            samples.Add(ParseSample(line, lineNumber));
        }

        return (samples, types);
    }

    private static PrometheusSample ParseSample(string line, int lineNumber)
    {
        var i = 0;
        var name = ReadName(line, ref i, lineNumber, metric: true);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (true)
            {
                SkipSpaces(line, ref i);
                if (i < line.Length && line[i] == '}')
                {
                    i++;
                    break;
                }

                var label = ReadName(line, ref i, lineNumber, metric: false);
                Expect(line, ref i, '=', lineNumber);
                Expect(line, ref i, '"', lineNumber);
                var value = new StringBuilder();
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw new FormatException($"line {lineNumber}: unterminated label value");
                    }

                    var c = line[i++];
                    if (c == '"')
                    {
                        break;
                    }

                    if (c == '\\')
                    {
                        var escaped = i < line.Length ? line[i++] : throw new FormatException($"line {lineNumber}: dangling escape");
                        value.Append(escaped switch
                        {
                            'n' => '\n',
                            '\\' => '\\',
                            '"' => '"',
                            _ => throw new FormatException($"line {lineNumber}: unknown escape \\{escaped}"),
                        });
                    }
                    else
                    {
                        value.Append(c);
                    }
                }

                if (!labels.TryAdd(label, value.ToString()))
                {
                    throw new FormatException($"line {lineNumber}: label {label} twice");
                }

                SkipSpaces(line, ref i);
                if (i < line.Length && line[i] == ',')
                {
                    i++;
                }
            }
        }

        var rest = line[i..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length is < 1 or > 2)
        {
            throw new FormatException($"line {lineNumber}: expected a value and an optional timestamp after {name}");
        }

        var number = rest[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var text => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        if (rest.Length == 2)
        {
            _ = long.Parse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        return new PrometheusSample(name, labels, number);
    }

    private static string ReadName(string line, ref int i, int lineNumber, bool metric)
    {
        var start = i;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] == '_' || (metric && line[i] == ':')))
        {
            if (i == start && char.IsAsciiDigit(line[i]))
            {
                throw new FormatException($"line {lineNumber}: a name starts with a digit");
            }

            i++;
        }

        return i > start ? line[start..i] : throw new FormatException($"line {lineNumber}: expected a name at column {start + 1}");
    }

    private static void Expect(string line, ref int i, char expected, int lineNumber)
    {
        if (i >= line.Length || line[i] != expected)
        {
            throw new FormatException($"line {lineNumber}: expected '{expected}' at column {i + 1}");
        }

        i++;
    }

    private static void SkipSpaces(string line, ref int i)
    {
        while (i < line.Length && line[i] == ' ')
        {
            i++;
        }
    }
}
