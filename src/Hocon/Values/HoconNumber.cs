using System.Globalization;

namespace ProcessManager.Hocon;

/// <summary>A number, keeping its original text (used when it is concatenated into a string).</summary>
public sealed class HoconNumber : HoconValue
{
    public HoconNumber(string text, long value, HoconOrigin origin) : base(origin)
    {
        Text = text;
        IsIntegral = true;
        LongValue = value;
        DoubleValue = value;
    }

    public HoconNumber(string text, double value, HoconOrigin origin) : base(origin)
    {
        Text = text;
        DoubleValue = value;
        IsIntegral = false;
        if (value is >= long.MinValue and < long.MaxValue && Math.Floor(value) == value)
        {
            LongValue = (long)value;
        }
    }

    public string Text { get; }

    /// <summary>True when the text was an integer that fits a long.</summary>
    public bool IsIntegral { get; }

    /// <summary>The value as a long when it is a whole number in range; null otherwise.</summary>
    public long? LongValue { get; }

    public double DoubleValue { get; }

    public override HoconValueType Type => HoconValueType.Number;

    internal override string ConcatText => Text;

    /// <summary>Parses a HOCON/JSON number token; null when the text is not a number.</summary>
    internal static HoconNumber? TryParse(string text, HoconOrigin origin)
    {
        if (text.Length == 0 || text == "-")
        {
            return null;
        }

        var integral = true;
        foreach (var c in text)
        {
            if (c is '.' or 'e' or 'E')
            {
                integral = false;
            }
        }

        if (integral && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return new HoconNumber(text, l, origin);
        }

        // Like the reference implementation, text that reads as a number but not as a long is a double.
        if (char.IsAsciiDigit(text[^1]) || text[^1] == '.')
        {
            if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d))
            {
                return new HoconNumber(text, d, origin);
            }
        }

        return null;
    }
}
