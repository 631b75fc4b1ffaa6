using System.Globalization;
using System.Numerics;

namespace ProcessManager.Hocon;

/// <summary>
/// Sizes in bytes: a number then a unit. k/K/Ki/KiB/kibibytes are powers of 2 (1024); kB/kilobytes,
/// MB/megabytes, ... are powers of 10 (1000). No unit, b, B, byte or bytes means bytes.
/// </summary>
public static class ByteSizeParser
{
    private static readonly Dictionary<string, BigInteger> BytesPerUnit = BuildUnits();

    public static bool TryParse(string text, out long bytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        bytes = 0;
        var trimmed = text.Trim();
        var split = 0;
        while (split < trimmed.Length && (char.IsAsciiDigit(trimmed[split]) || trimmed[split] == '.'))
        {
            split++;
        }

        if (split == 0 || !BytesPerUnit.TryGetValue(trimmed[split..].Trim(), out var unit))
        {
            return false;
        }

        var number = trimmed[..split];
        BigInteger result;
        if (number.Contains('.', StringComparison.Ordinal))
        {
            if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
            {
                return false;
            }

            result = new BigInteger(Math.Round(d * (double)unit));
        }
        else
        {
            result = BigInteger.Parse(number, CultureInfo.InvariantCulture) * unit;
        }

        if (result > long.MaxValue)
        {
            return false;
        }

        bytes = (long)result;
        return true;
    }

    private static Dictionary<string, BigInteger> BuildUnits()
    {
        var units = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        foreach (var name in new[] { string.Empty, "b", "B", "byte", "bytes" })
        {
            units[name] = BigInteger.One;
        }

        string[] decimalPrefixes = ["kilo", "mega", "giga", "tera", "peta", "exa", "zetta", "yotta"];
        string[] binaryPrefixes = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi", "zebi", "yobi"];
        for (var i = 0; i < decimalPrefixes.Length; i++)
        {
            var power = i + 1;
            var tenPower = BigInteger.Pow(1000, power);
            var twoPower = BigInteger.Pow(1024, power);
            var upper = char.ToUpperInvariant(decimalPrefixes[i][0]).ToString();
            var lower = decimalPrefixes[i][..1];
            units[decimalPrefixes[i] + "byte"] = tenPower;
            units[decimalPrefixes[i] + "bytes"] = tenPower;
            units[(power == 1 ? lower : upper) + "B"] = tenPower;
            units[binaryPrefixes[i] + "byte"] = twoPower;
            units[binaryPrefixes[i] + "bytes"] = twoPower;
            units[lower] = twoPower;
            units[upper] = twoPower;
            units[upper + "i"] = twoPower;
            units[upper + "iB"] = twoPower;
        }

        return units;
    }
}
