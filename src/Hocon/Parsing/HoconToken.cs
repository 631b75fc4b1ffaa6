namespace ProcessManager.Hocon;

/// <summary>
/// One token. <see cref="Text"/> is the unquoted/whitespace text, the unescaped quoted string or the number's text.
/// A substitution carries its path pieces in <see cref="Pieces"/>.
/// </summary>
internal readonly record struct HoconToken(HoconTokenKind Kind, string Text, int Line, int Column, bool Optional = false, List<HoconToken>? Pieces = null)
{
    /// <summary>Can be part of a key or a path expression.</summary>
    public bool IsKeyPiece => Kind is HoconTokenKind.Unquoted or HoconTokenKind.Quoted or HoconTokenKind.Number
        or HoconTokenKind.True or HoconTokenKind.False or HoconTokenKind.Null or HoconTokenKind.Whitespace;

    public string Describe() => Kind switch
    {
        HoconTokenKind.End => "end of input",
        HoconTokenKind.Newline => "newline",
        HoconTokenKind.Whitespace => "whitespace",
        HoconTokenKind.Comma => "','",
        HoconTokenKind.Colon => "':'",
        HoconTokenKind.Equals => "'='",
        HoconTokenKind.PlusEquals => "'+='",
        HoconTokenKind.OpenBrace => "'{'",
        HoconTokenKind.CloseBrace => "'}'",
        HoconTokenKind.OpenBracket => "'['",
        HoconTokenKind.CloseBracket => "']'",
        HoconTokenKind.Quoted => $"quoted string \"{Shorten(Text)}\"",
        HoconTokenKind.Substitution => "substitution",
        _ => $"'{Shorten(Text)}'",
    };

    private static string Shorten(string text) => text.Length > 30 ? string.Concat(text.AsSpan(0, 27), "...") : text;
}
