namespace ProcessManager.Hocon.Tests;

/// <summary>Syntax errors name the file, line and column and say what was expected.</summary>
public sealed class SyntaxErrorTests
{
    [Theory]
    [InlineData("a = 1\nb = [1, 2", 2, 10, "expected ']'")]
    [InlineData("a {\n  b = 1\n", 3, 1, "expected '}'")]
    [InlineData("a = 1\n}", 2, 1, "no '{' for it to close")]
    [InlineData("a = \"open", 1, 5, "not closed")]
    [InlineData("a = \"bad \\q escape\"", 1, 10, "not a valid escape")]
    [InlineData("a = 1\nb c", 2, 4, "expected ':', '=', '+=' or '{'")]
    [InlineData("a = [1,,2]", 1, 8, "expected a value or ']'")]
    [InlineData("a = 1,,b = 2", 1, 7, "two commas")]
    [InlineData("a = foo@bar", 1, 8, "reserved character '@'")]
    [InlineData("a = 1 + 2", 1, 7, "'+' is reserved")]
    [InlineData("a = $x", 1, 5, "'$' is reserved")]
    [InlineData("a = ${b", 1, 5, "expected '}'")]
    [InlineData("a..b = 1", 1, 1, "empty element")]
    [InlineData("a = \"\"\"never closed", 1, 5, "triple-quoted string is not closed")]
    [InlineData("[1, 2]", 1, 1, "root of a document must be an object")]
    [InlineData("{ a = 1 } b = 2", 1, 11, "after the root object")]
    [InlineData("a = ", 1, 5, "expected a value")]
    [InlineData("include = 1", 1, 9, "include keyword is not followed by a quoted file name")]
    [InlineData("a = [ { b += 1 } ]", 1, 11, "'+=' cannot be used inside an array")]
    public void Error_names_line_column_and_expectation(string text, int line, int column, string expected)
    {
        var e = Assert.Throws<HoconParseException>(() => ConfigurationFactory.ParseString(text, new HoconParseOptions { OriginDescription = "app.conf" }));

        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.StartsWith($"app.conf:{line}:{column}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_include_names_the_include()
    {
        var dir = Directory.CreateTempSubdirectory("pbm-hocon-inc-").FullName;
        try
        {
            var file = Path.Combine(dir, "main.conf");
            File.WriteAllText(file, "a = 1\ninclude required(\"missing\")\n");

            var e = Assert.Throws<HoconParseException>(() => ConfigurationFactory.ParseFile(file));

            Assert.Equal(2, e.Line);
            Assert.Contains("required include 'missing' was not found", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Cycle_error_names_the_substitutions_and_their_lines()
    {
        var e = Assert.Throws<HoconResolveException>(() => ConfigurationFactory.ParseString("a = ${b}\nb = ${c}\nc = ${a}", new HoconParseOptions { OriginDescription = "c.conf" }));

        Assert.True(e.IsCycle);
        Assert.Contains("cycle", e.Message, StringComparison.Ordinal);
        Assert.Contains("${b} (c.conf:1)", e.Message, StringComparison.Ordinal);
        Assert.Contains("${a} (c.conf:3)", e.Message, StringComparison.Ordinal);
    }
}
