using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ProcessManager.Hocon;

/// <summary>Writes a value tree as HOCON or JSON.</summary>
public static partial class HoconRenderer
{
    public static string Render(HoconValue value, HoconRenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        var sb = new StringBuilder();
        Write(sb, value, options, 0);
        if (options.Indent)
        {
            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static void Write(StringBuilder sb, HoconValue value, HoconRenderOptions options, int level)
    {
        switch (value)
        {
            case HoconObject obj:
                WriteObject(sb, obj, options, level);
                break;
            case HoconArray array:
                WriteArray(sb, array, options, level);
                break;
            case HoconString s:
                AppendQuoted(sb, s.Value);
                break;
            case HoconNumber n:
                sb.Append(JsonNumber().IsMatch(n.Text) ? n.Text : n.LongValue?.ToString(CultureInfo.InvariantCulture) ?? n.DoubleValue.ToString("R", CultureInfo.InvariantCulture));
                break;
            case HoconBoolean or HoconNull:
                sb.Append(value.ConcatText);
                break;
            case HoconSubstitution when options.AsJson:
            case HoconConcatenation when options.AsJson:
            case HoconDelayedMerge when options.AsJson:
                throw new ConfigurationException("an unresolved config cannot be rendered as JSON; resolve it first", value.Origin);
            case HoconSubstitution substitution:
                sb.Append(substitution.ToString());
                break;
            case HoconConcatenation concatenation:
                foreach (var piece in concatenation.Pieces)
                {
                    Write(sb, piece, options, level);
                }

                break;
            case HoconDelayedMerge merge:
                Write(sb, merge.Previous, options, level);
                sb.Append(' ');
                Write(sb, merge.Next, options, level);
                break;
            default:
                throw new ConfigurationException($"cannot render a {value.GetType().Name}", value.Origin);
        }
    }

    private static void WriteObject(StringBuilder sb, HoconObject obj, HoconRenderOptions options, int level)
    {
        if (obj.Count == 0)
        {
            sb.Append("{}");
            return;
        }

        sb.Append('{');
        var first = true;
        foreach (var (key, value) in obj.Fields)
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            if (options.Indent)
            {
                NewLine(sb, level + 1);
                if (options.Origins && !options.AsJson)
                {
                    sb.Append("# ").Append(value.Origin);
                    NewLine(sb, level + 1);
                }
            }

            if (options.AsJson)
            {
                AppendQuoted(sb, key);
                sb.Append(options.Indent ? ": " : ":");
            }
            else
            {
                HoconPath.AppendKey(sb, key);
                sb.Append(options.Indent ? " = " : "=");
            }

            Write(sb, value, options, level + 1);
        }

        if (options.Indent)
        {
            NewLine(sb, level);
        }

        sb.Append('}');
    }

    private static void WriteArray(StringBuilder sb, HoconArray array, HoconRenderOptions options, int level)
    {
        sb.Append('[');
        for (var i = 0; i < array.Items.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(options.Indent ? ", " : ",");
            }

            Write(sb, array.Items[i], options, level);
        }

        sb.Append(']');
    }

    private static void NewLine(StringBuilder sb, int level) => sb.Append('\n').Append(' ', level * 2);

    /// <summary>Appends a JSON string literal (valid HOCON too).</summary>
    public static void AppendQuoted(StringBuilder sb, string text)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(text);
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < ' ' || c is '\u2028' or '\u2029' or (>= '\u007f' and <= '\u009f'))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    [GeneratedRegex(@"\A-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();
}
