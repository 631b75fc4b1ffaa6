using System.Threading.Channels;
using ProcessManager.Cli.Infrastructure;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Commands.Top;

/// <summary>
/// <c>pbm top</c>: a full-screen live table (like <c>pm2 monit</c>) fed by the daemon's metrics stream, with a CPU
/// sparkline per program; keys sort, select, restart and follow the selected program's log. Drawn with plain ANSI in
/// the terminal's alternate screen, which is left (and the cursor shown) on every exit path.
/// </summary>
internal static class Show
{
    private const string EnterAlternateScreen = "\e[?1049h\e[?25l";
    private const string LeaveAlternateScreen = "\e[?25h\e[?1049l";

    /// <summary>Options.</summary>
    public sealed record Options;

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "top", "show", "Full-screen live process table with CPU sparklines (pbm top)", string.Empty, false,
        args =>
        {
            args.End();
            return new Options();
        },
        RunAsync);

    /// <summary>Runs the command until q, Esc or Ctrl-C.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        if (!context.IO.IsOutputTerminal || !context.IO.IsInputTerminal)
        {
            context.IO.Error.Write("pbm: top needs a terminal; for scripts use 'pbm process list --json'\n");
            return ExitCodes.Usage;
        }

        var state = new TopState();
        var wake = Channel.CreateBounded<Func<Task>?>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        CancellationTokenSource? follow = null;
        var output = context.IO.Out;
        output.Write(EnterAlternateScreen);
        output.Flush();
        try
        {
            var samples = PumpSamplesAsync(context, state, wake.Writer, stop.Token);
            var keys = Task.Run(() => ReadKeys(wake.Writer, stop.Token), CancellationToken.None);
            Draw(output, state);
            await foreach (var action in wake.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                if (action is not null)
                {
                    await action().ConfigureAwait(false);
                }

                Draw(output, state);
            }

            await Task.WhenAll(samples, keys).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // q, Esc or Ctrl-C.
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            follow?.Cancel();
            follow?.Dispose();
            output.Write(LeaveAlternateScreen);
            output.Flush();
        }

        return ExitCodes.Ok;

        void ReadKeys(ChannelWriter<Func<Task>?> writer, CancellationToken cancellation)
        {
            while (!cancellation.IsCancellationRequested)
            {
                if (!Console.KeyAvailable)
                {
                    // Console offers no cancellable key read; a short sleep bounds how long quitting waits.
                    Thread.Sleep(50);
                    continue;
                }

                var key = Console.ReadKey(intercept: true);
                Func<Task>? action = key.Key switch
                {
                    ConsoleKey.Q or ConsoleKey.Escape => () => stop.CancelAsync(),
                    ConsoleKey.UpArrow or ConsoleKey.K => () => Sync(() => state.Move(-1)),
                    ConsoleKey.DownArrow or ConsoleKey.J => () => Sync(() => state.Move(1)),
                    ConsoleKey.S => () => Sync(state.NextSort),
                    ConsoleKey.R => () => RestartAsync(context, state),
                    ConsoleKey.L => () => Sync(() => ToggleLog(context, state, writer, ref follow, stop.Token)),
                    _ => null,
                };
                if (action is not null)
                {
                    writer.TryWrite(action);
                }
            }
        }
    }

    private static Task Sync(Action action)
    {
        action();
        return Task.CompletedTask;
    }

    private static void Draw(TextWriter output, TopState state)
    {
        int width, height;
        try
        {
            (width, height) = (Console.WindowWidth, Console.WindowHeight);
        }
        catch (IOException)
        {
            (width, height) = (120, 40);
        }

        output.Write(TopView.Frame(state, Math.Max(20, width), Math.Max(5, height)));
        output.Flush();
    }

    private static async Task PumpSamplesAsync(CommandContext context, TopState state, ChannelWriter<Func<Task>?> writer, CancellationToken cancellation)
    {
        try
        {
            await foreach (var snapshot in context.Client.MetricsAsync(cancellation).ConfigureAwait(false))
            {
                writer.TryWrite(() => Sync(() => state.Apply(snapshot)));
            }

            writer.TryWrite(() => Sync(() => state.Message = "the daemon ended the metrics stream; q to quit"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            writer.TryWrite(() => Sync(() => state.Message = "metrics stream failed: " + ex.Message));
        }
    }

    private static async Task RestartAsync(CommandContext context, TopState state)
    {
        if (state.SelectedRow is not { } row)
        {
            return;
        }

        state.Message = $"restarting {row.Name}…";
        try
        {
            await context.Client.RestartProcessAsync(row.Name, context.Cancellation).ConfigureAwait(false);
            state.Message = $"restarted {row.Name}";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            state.Message = $"restart of {row.Name} failed: {ex.Message}";
        }
    }

    private static void ToggleLog(CommandContext context, TopState state, ChannelWriter<Func<Task>?> writer, ref CancellationTokenSource? follow, CancellationToken cancellation)
    {
        follow?.Cancel();
        follow?.Dispose();
        follow = null;
        state.ClearLog();
        if (state.Following is not null || state.SelectedRow is not { } row)
        {
            state.Following = null;
            return;
        }

        state.Following = row.Name;
        follow = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var token = follow.Token;
        _ = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var line in context.Client.FollowLogAsync(row.Name, 50, token).ConfigureAwait(false))
                    {
                        writer.TryWrite(() => Sync(() => state.AddLog($"{line.Process} {line.Text}")));
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    writer.TryWrite(() => Sync(() => state.Message = "log follow failed: " + ex.Message));
                }
                catch (OperationCanceledException)
                {
                    // Closed with l, or quitting.
                }
            },
            CancellationToken.None);
    }
}
