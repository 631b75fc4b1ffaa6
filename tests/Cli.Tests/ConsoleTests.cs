using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Interactive;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Tests;

public sealed class ConsoleTests
{
    private static CompletionModel Model() => new(
        [new PaletteInfo("greet", "Greetings", [new PaletteCommandInfo("hello", "Say hello", [])])],
        () => ["web", "worker", "db"],
        () => ["prod", "staging"]);

    [Fact]
    public void The_first_word_completes_palettes_including_the_daemons()
    {
        Assert.Equal(["greet"], Model().Complete(string.Empty, "gr"));
        Assert.Equal(["process"], Model().Complete(string.Empty, "pro"));
    }

    [Fact]
    public void The_second_word_completes_commands_of_the_palette()
    {
        Assert.Equal(["restart"], Model().Complete("process ", "res"));
        Assert.Equal(["hello"], Model().Complete("greet ", ""));
    }

    [Fact]
    public void A_process_argument_completes_current_process_names()
    {
        Assert.Equal(["web", "worker"], Model().Complete("log follow ", "w"));
        Assert.Empty(Model().Complete("process list ", "w"));
    }

    [Fact]
    public void Context_commands_complete_context_names_and_process_commands_do_not()
    {
        Assert.Equal(["prod"], Model().Complete("context use ", "p"));
        Assert.Equal(["prod", "staging"], Model().Complete("context delete ", string.Empty));
        Assert.Empty(Model().Complete("context list ", string.Empty));
        Assert.Empty(Model().Complete("process describe ", "p"));
    }

    [Fact]
    public void Lines_split_on_spaces_with_quotes_and_escapes()
    {
        Assert.Equal(["process", "start", "web", "--", "sh", "-c", "echo hi there", "it's"], CommandLineSplitter.Split("process start web -- sh -c \"echo hi there\" it\\'s"));
    }

    [Fact]
    public void An_unclosed_quote_names_its_column()
    {
        var error = Assert.Throws<UsageException>(() => CommandLineSplitter.Split("process start 'web"));

        Assert.Contains("column 15", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void History_keeps_the_last_lines_only()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("pbm-history-").FullName, "history");
        var history = new HistoryFile(file, capacity: 3);
        foreach (var line in new[] { "a", "b", "c", "d", "e" })
        {
            history.Append(line);
        }

        Assert.Equal(["c", "d", "e"], history.Load());
        Assert.Equal(["c", "d", "e"], File.ReadAllLines(file));
    }
}
