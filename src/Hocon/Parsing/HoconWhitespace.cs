using System.Globalization;

namespace ProcessManager.Hocon;

/// <summary>Whitespace exactly as the HOCON specification lists it (not <see cref="char.IsWhiteSpace(char)"/>).</summary>
internal static class HoconWhitespace
{
    /// <summary>
    /// Unicode space separators (Zs, which includes the no-break spaces), tab, newline, vertical tab,
    /// form feed, carriage return, the file/group/record/unit separators and the byte order mark.
    /// </summary>
    public static bool IsWhitespace(char c) => c switch
    {
        ' ' or '\t' or '\n' or '\v' or '\f' or '\r' => true,
        '\u001C' or '\u001D' or '\u001E' or '\u001F' or '\uFEFF' => true,
        < '\u0080' => false,
        _ => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator,
    };

    /// <summary>Whitespace other than the newline, which separates fields and so is a token of its own.</summary>
    public static bool IsWhitespaceNotNewline(char c) => c != '\n' && IsWhitespace(c);
}
