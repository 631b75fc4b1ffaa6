using System.Globalization;

namespace ProcessManager.Host.Backend;

/// <summary>NAME-INDEX, the name of one instance of an app.</summary>
internal static class InstanceName
{
    /// <summary>The app and index of <c>web-1</c>; null when the name does not end in <c>-DIGITS</c>.</summary>
    public static (string App, int Index)? TryParse(string name)
    {
        var dash = name.LastIndexOf('-');
        if (dash <= 0 || dash == name.Length - 1)
        {
            return null;
        }

        var digits = name.AsSpan(dash + 1);
        return digits.IndexOfAnyExceptInRange('0', '9') < 0
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? (name[..dash], index)
                : null;
    }
}
