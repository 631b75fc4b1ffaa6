using System.Text;

namespace ProcessManager.Cli.Commands.Daemon;

/// <summary>The systemd unit <c>pbm daemon install</c> writes for pbmd, and where it goes.</summary>
internal static class SystemdUnit
{
    public const string FileName = "pbmd.service";

    /// <summary>
    /// /etc/systemd/system for root (a system service); otherwise the user's unit folder,
    /// $XDG_CONFIG_HOME/systemd/user or ~/.config/systemd/user (a user service, run by the user's systemd instance).
    /// </summary>
    public static string PathFor(bool root, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (root)
        {
            return Path.Combine("/etc/systemd/system", FileName);
        }

        var config = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(config, "systemd", "user", FileName);
    }

    /// <summary>The unit's text: pbmd in the foreground (its log goes to the journal), restarted when it fails.</summary>
    /// <param name="execStart">pbmd's absolute path and its arguments.</param>
    /// <param name="pbmHome">PBM_HOME to run with; null = the daemon's default for its user.</param>
    /// <param name="root">A system unit (WantedBy multi-user.target) rather than a user unit (default.target).</param>
    public static string Text(IReadOnlyList<string> execStart, string? pbmHome, bool root)
    {
        ArgumentNullException.ThrowIfNull(execStart);
        var text = new StringBuilder();
        text.Append("# Written by `pbm daemon install`. Edit with care: `pbm daemon install --force` writes it anew.\n");
        text.Append("[Unit]\n");
        text.Append("Description=ProcessManager daemon (pbmd)\n");
        text.Append("After=network.target\n");
        text.Append('\n');
        text.Append("[Service]\n");
        text.Append("Type=simple\n");
        text.Append("ExecStart=").Append(string.Join(' ', execStart.Select(Quote))).Append('\n');
        if (pbmHome is not null)
        {
            text.Append("Environment=").Append(Quote("PBM_HOME=" + pbmHome)).Append('\n');
        }

        text.Append("Restart=on-failure\n");
        text.Append("RestartSec=2s\n");

        // pbmd's programs are meant to outlive pbmd itself: a daemon that dies (crash, kill -9, OOM) leaves them running
        // on FIFOs (pbm.output-capture), and the next pbmd adopts them from the journal (same pid and /proc start time)
        // and keeps capturing their output. systemd's default KillMode=control-group would kill the whole cgroup, every
        // program with it, as soon as pbmd dies, defeating that. KillMode=process signals only pbmd; a stop is still
        // complete, because pbmd stops every program itself on SIGTERM (coordinated shutdown) before it exits.
        text.Append("KillMode=process\n");

        // pbmd's own shutdown: every phase of akka.coordinated-shutdown (75 s with the defaults, more when an app's
        // stop.timeout is longer); systemd must not SIGKILL pbmd before the programs it is stopping are down.
        text.Append("TimeoutStopSec=120s\n");
        text.Append('\n');
        text.Append("[Install]\n");
        text.Append("WantedBy=").Append(root ? "multi-user.target" : "default.target").Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// One word of a unit setting: in double quotes when it has spaces or quotes, with backslash escapes, '%' doubled
    /// (systemd's specifiers) and '$' doubled (its variable expansion), so the path is taken exactly as written.
    /// </summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var escaped = word.Replace("%", "%%", StringComparison.Ordinal).Replace("$", "$$", StringComparison.Ordinal);
        if (escaped.Length > 0 && !escaped.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\' or ';'))
        {
            return escaped;
        }

        return "\"" + escaped.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
