using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Interactive;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Tests.Console;

public sealed class LineEditorTests
{
    private static readonly CompletionModel Model = new([], () => ["web", "worker", "db"]);

    private static LineEditor Editor(params string[] history) => new(history, Model.Complete);

    private static ConsoleKeyInfo Key(char c) => new(c, char.IsLetter(c) ? Enum.Parse<ConsoleKey>(char.ToUpperInvariant(c).ToString()) : ConsoleKey.Oem1, false, false, false);

    private static ConsoleKeyInfo Key(ConsoleKey key, bool control = false) => new(key == ConsoleKey.Tab ? '\t' : '\0', key, false, false, control);

    private static ConsoleKeyInfo Ctrl(ConsoleKey key) => new((char)(key - ConsoleKey.A + 1), key, false, false, true);

    private static void Type(LineEditor editor, string text)
    {
        foreach (var c in text)
        {
            editor.Handle(c == ' ' ? new ConsoleKeyInfo(' ', ConsoleKey.Spacebar, false, false, false) : c == '-' ? new ConsoleKeyInfo('-', ConsoleKey.OemMinus, false, false, false) : Key(c));
        }
    }

    [Fact]
    public void Tab_with_one_choice_completes_it_and_adds_a_space()
    {
        var editor = Editor();
        Type(editor, "process res");

        Assert.Equal(EditorAction.Redraw, editor.Handle(Key(ConsoleKey.Tab)));

        Assert.Equal("process restart ", editor.Text);
        Assert.Equal(editor.Text.Length, editor.Cursor);
    }

    [Fact]
    public void Tab_with_several_choices_completes_their_common_start_lists_them_and_further_tabs_cycle()
    {
        var editor = Editor();
        Type(editor, "log follow w");

        Assert.Equal(EditorAction.ShowChoices, editor.Handle(Key(ConsoleKey.Tab)));
        Assert.Equal(["web", "worker"], editor.Choices);
        Assert.Equal("log follow w", editor.Text);

        editor.Handle(Key(ConsoleKey.Tab));
        Assert.Equal("log follow web ", editor.Text);
        editor.Handle(Key(ConsoleKey.Tab));
        Assert.Equal("log follow worker ", editor.Text);
        editor.Handle(Key(ConsoleKey.Tab));
        Assert.Equal("log follow web ", editor.Text);
    }

    [Fact]
    public void Tab_with_no_choice_rings_the_bell_and_changes_nothing()
    {
        var editor = Editor();
        Type(editor, "process zz");

        Assert.Equal(EditorAction.Bell, editor.Handle(Key(ConsoleKey.Tab)));
        Assert.Equal("process zz", editor.Text);
    }

    [Fact]
    public void Down_after_up_returns_to_the_empty_line_being_typed()
    {
        var editor = Editor("process list", "log tail web");

        editor.Handle(Key(ConsoleKey.UpArrow));
        Assert.Equal("log tail web", editor.Text);
        editor.Handle(Key(ConsoleKey.UpArrow));
        Assert.Equal("process list", editor.Text);
        editor.Handle(Key(ConsoleKey.DownArrow));
        Assert.Equal("log tail web", editor.Text);
        editor.Handle(Key(ConsoleKey.DownArrow));

        Assert.Equal(string.Empty, editor.Text);
        Assert.Equal(EditorAction.Bell, editor.Handle(Key(ConsoleKey.DownArrow)));
    }

    [Fact]
    public void A_half_typed_line_comes_back_after_walking_the_history()
    {
        var editor = Editor("process list");
        Type(editor, "log");

        editor.Handle(Key(ConsoleKey.UpArrow));
        editor.Handle(Key(ConsoleKey.DownArrow));

        Assert.Equal("log", editor.Text);
    }

    [Fact]
    public void Ctrl_u_deletes_to_the_start_ctrl_l_clears_the_screen_ctrl_c_drops_the_line_and_ctrl_d_ends_on_an_empty_line()
    {
        var editor = Editor();
        Type(editor, "process list");
        editor.Handle(Key(ConsoleKey.LeftArrow));
        editor.Handle(Key(ConsoleKey.LeftArrow));

        Assert.Equal(EditorAction.Redraw, editor.Handle(Ctrl(ConsoleKey.U)));
        Assert.Equal("st", editor.Text);
        Assert.Equal(0, editor.Cursor);
        Assert.Equal(EditorAction.ClearScreen, editor.Handle(Ctrl(ConsoleKey.L)));
        Assert.Equal(EditorAction.Cancel, editor.Handle(Ctrl(ConsoleKey.C)));
        editor.Reset();
        Assert.Equal(string.Empty, editor.Text);
        Assert.Equal(EditorAction.EndOfInput, editor.Handle(Ctrl(ConsoleKey.D)));
    }

    [Fact]
    public async Task The_terminal_reader_draws_choices_and_submits_the_completed_line()
    {
        var keys = new Queue<ConsoleKeyInfo>();
        foreach (var c in "log follow w")
        {
            keys.Enqueue(c == ' ' ? new ConsoleKeyInfo(' ', ConsoleKey.Spacebar, false, false, false) : Key(c));
        }

        keys.Enqueue(Key(ConsoleKey.Tab));
        keys.Enqueue(Key(ConsoleKey.Tab));
        keys.Enqueue(new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false));
        var output = new StringWriter();
        var reader = new TerminalLineReader("pbm> ", Model, [], output, keys.Dequeue);

        var line = await reader.ReadLineAsync(CancellationToken.None);

        Assert.Equal("log follow web ", line);
        Assert.Matches("\r\nweb +worker\r\n", output.ToString());
    }

    [Fact]
    public async Task Help_in_the_console_prints_the_consoles_help_not_the_shell_usage()
    {
        var runner = new PbmRunner(input: "help\nexit\n");

        var exit = await runner.RunAsync();

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("type a command without 'pbm'", runner.Console.Output, StringComparison.Ordinal);
        Assert.Contains("Ctrl-U", runner.Console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("usage: pbm [--host", runner.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_history_lives_in_pbm_home_with_mode_0600()
    {
        var runner = new PbmRunner(input: "exit\n");
        var home = Path.Combine(runner.Home, "elsewhere");
        runner.With("PBM_HOME", home);

        await runner.RunAsync();

        var file = Path.Combine(home, "history");
        Assert.Equal(file, PbmPaths.HistoryFile(key => key == "PBM_HOME" ? home : runner.Home));
        Assert.True(File.Exists(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.False(File.Exists(Path.Combine(runner.Home, ".pbm", "history")));
    }

    [Fact]
    public void An_existing_history_file_readable_by_others_is_narrowed_to_0600()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("pbm-history-").FullName, "history");
        File.WriteAllText(file, "process list\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        new HistoryFile(file).Secure();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(["process list"], new HistoryFile(file).Load());
    }
}
