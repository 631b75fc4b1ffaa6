namespace ProcessManager.Hocon;

internal enum HoconTokenKind
{
    End,
    Newline,
    Whitespace,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Unquoted,
    Quoted,
    Number,
    True,
    False,
    Null,
    Substitution,
}
