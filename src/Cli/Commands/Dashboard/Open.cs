using System.Diagnostics;
using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;

namespace ProcessManager.Cli.Commands.Dashboard;

/// <summary>
/// <c>pbm dashboard [open] [--browser]</c>: asks the daemon for a one-time login code and prints the dashboard's URL
/// with it (in the URL's fragment, which browsers never send to a server); <c>--browser</c> also opens it with xdg-open.
/// </summary>
internal static class Open
{
    /// <summary>Options.</summary>
    public sealed record Options(bool Browser);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "dashboard", "open", "Print (or open) a one-time login link to the web dashboard", "[--browser]", true,
        args =>
        {
            var browser = args.Flag("--browser");
            args.End();
            return new Options(browser);
        },
        RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var login = await context.Client.CreateDashboardLoginAsync(context.Cancellation).ConfigureAwait(false);
        var url = login.Url is null ? null : Reachable(login.Url, context);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, login with { Url = url }, j => j.DashboardLogin);
            return url is null ? ExitCodes.Error : ExitCodes.Ok;
        }

        if (url is null)
        {
            context.IO.Error.Write("pbm: the dashboard is served on the daemon's TCP endpoint, which is off; set pbm.api.tcp.enabled = on (bind 127.0.0.1 for local use) and restart the daemon\n");
            return ExitCodes.Error;
        }

        context.IO.Out.Write($"{url}\n");
        context.IO.Out.Write($"the link logs in once, until {login.ExpiresAt.ToLocalTime():HH:mm:ss}; keep it private\n");
        if (options.Browser)
        {
            try
            {
                using var opener = System.Diagnostics.Process.Start(new ProcessStartInfo("xdg-open") { ArgumentList = { url }, UseShellExecute = false });
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                context.Diagnostic($"could not start xdg-open ({ex.Message}); open the link yourself");
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>A daemon bound to every address reports one a browser cannot open: use the host pbm reached it at.</summary>
    private static string Reachable(string url, CommandContext context)
    {
        var uri = new Uri(url);
        if (uri.Host is not ("0.0.0.0" or "[::]" or "::"))
        {
            return url;
        }

        var host = context.Target.Endpoint is { IsUnixSocket: false, Host: { } tcpHost } ? tcpHost : "localhost";
        return new UriBuilder(uri) { Host = host }.Uri.ToString().Replace("%23", "#", StringComparison.Ordinal);
    }
}
