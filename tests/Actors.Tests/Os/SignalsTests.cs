using ProcessManager.Actors.Os;
using Xunit;

namespace ProcessManager.Actors.Tests.Os;

public sealed class SignalsTests
{
    [Theory]
    [InlineData("SIGTERM", 15)]
    [InlineData("TERM", 15)]
    [InlineData("term", 15)]
    [InlineData("15", 15)]
    [InlineData("SIGINT", 2)]
    [InlineData("SIGHUP", 1)]
    [InlineData("QUIT", 3)]
    [InlineData("SIGKILL", 9)]
    [InlineData("SIGUSR1", 10)]
    [InlineData("usr2", 12)]
    public void Parse_accepts_names_with_or_without_SIG_and_numbers(string text, int expected)
    {
        Assert.Equal(expected, Signals.Parse(text));
    }

    [Theory]
    [InlineData("SIGFOO")]
    [InlineData("0")]
    [InlineData("99")]
    [InlineData("")]
    public void Parse_rejects_unknown_signals_naming_the_valid_ones(string text)
    {
        var error = Assert.Throws<FormatException>(() => Signals.Parse(text));
        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("SIGTERM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_gives_the_conventional_name()
    {
        Assert.Equal("SIGKILL", Signals.Name(9));
        Assert.Equal("signal 40", Signals.Name(40));
    }
}
