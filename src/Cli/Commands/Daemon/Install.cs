using System.Diagnostics;
using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Commands.Daemon;

/// <summary>
/// <c>pbm daemon install [--print] [--enable] [--force] [--config FILE] [--path FILE]</c>: writes a systemd unit that runs
/// pbmd (a user unit for a user, a system unit for root), and with --enable has systemctl enable and start it.
/// </summary>
internal static class Install
{
    /// <summary>Options.</summary>
    /// <param name="Path">Where to write the unit instead of systemd's folder (packaging, a staging tree).</param>
    public sealed record Options(bool Print, bool Enable, bool Force, string? ConfigFile, string? Path);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "daemon",
        "install",
        "Write a systemd unit for pbmd (user unit, or system unit as root); --enable also runs systemctl enable --now",
        "[--print] [--enable] [--force] [--config FILE] [--path FILE]",
        false,
        args =>
        {
            var print = args.Flag("--print");
            var enable = args.Flag("--enable");
            var force = args.Flag("--force");
            var config = args.Value("--config");
            var path = args.Value("--path");
            args.End();
            if (print && (enable || path is not null))
            {
                throw new UsageException("--print only prints the unit; it cannot be combined with --enable or --path");
            }

            return new Options(print, enable, force, config is null ? null : System.IO.Path.GetFullPath(config), path is null ? null : System.IO.Path.GetFullPath(path));
        },
        RunAsync);

    /// <summary>Runs the command.</summary>
    public static Task<int> RunAsync(Options options, CommandContext context) =>
        Task.FromResult(Run(options, context, Environment.IsPrivilegedProcess, FindSystemctl(context.Environment), RunSystemctl));

    /// <summary>The command with the facts of the machine given: root or not, systemctl's path (null = none), how to run it.</summary>
    internal static int Run(Options options, CommandContext context, bool root, string? systemctl, Func<string, IReadOnlyList<string>, int> runSystemctl)
    {
        var start = DaemonLocator.Find(context.Environment);
        if (start is null)
        {
            context.Diagnostic("pbm: cannot find pbmd next to pbm; set PBM_DAEMON to its absolute path");
            return ExitCodes.Error;
        }

        IReadOnlyList<string> execStart = [System.IO.Path.GetFullPath(ResolveProgram(start.FileName, context.Environment)), .. start.ArgumentList];
        if (options.ConfigFile is not null)
        {
            execStart = [.. execStart, "--config", options.ConfigFile];
        }

        var home = context.Environment("PBM_HOME") is { Length: > 0 } set ? System.IO.Path.GetFullPath(set) : null;
        var text = SystemdUnit.Text(execStart, home, root);
        if (options.Print)
        {
            context.IO.Out.Write(text);
            return ExitCodes.Ok;
        }

        var path = options.Path ?? SystemdUnit.PathFor(root, context.Environment);
        if (File.Exists(path) && !options.Force && File.ReadAllText(path) != text)
        {
            context.Diagnostic($"pbm: {path} exists and differs; --print shows the new unit, --force replaces it");
            return ExitCodes.Error;
        }

        try
        {
            Write(path, text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Diagnostic($"pbm: cannot write {path}: {ex.Message}");
            return ExitCodes.Error;
        }

        context.IO.Out.Write($"wrote {path}\n");
        string[] scope = root ? [] : ["--user"];
        var hint = root ? "systemctl enable --now pbmd" : "systemctl --user enable --now pbmd";
        if (!options.Enable)
        {
            context.IO.Out.Write($"enable and start it with: {hint}\n");
            return ExitCodes.Ok;
        }

        if (systemctl is null)
        {
            context.Diagnostic($"pbm: systemctl not found on PATH; the unit is written, enable it where systemd runs: {hint}");
            return ExitCodes.Error;
        }

        string[][] steps = [[.. scope, "daemon-reload"], [.. scope, "enable", "--now", SystemdUnit.FileName]];
        foreach (var arguments in steps)
        {
            var exit = runSystemctl(systemctl, arguments);
            if (exit != 0)
            {
                context.Diagnostic($"pbm: systemctl {string.Join(' ', arguments)} exited with {exit}");
                return ExitCodes.Error;
            }
        }

        context.IO.Out.Write(root
            ? "pbmd enabled and started (systemctl status pbmd)\n"
            : "pbmd enabled and started for this user (systemctl --user status pbmd); to run it without a login session: loginctl enable-linger\n");
        return ExitCodes.Ok;
    }

    /// <summary>Written beside the target and renamed over it: systemd never reads half a unit. 0644: systemd reads units as any user.</summary>
    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(temporary, text);
        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>"dotnet" (pbmd.dll in a source tree) becomes its path on PATH: ExecStart needs an absolute program.</summary>
    private static string ResolveProgram(string program, Func<string, string?> environment) =>
        System.IO.Path.IsPathRooted(program) ? program : FindOnPath(program, environment) ?? program;

    private static string? FindSystemctl(Func<string, string?> environment) => FindOnPath("systemctl", environment);

    private static string? FindOnPath(string program, Func<string, string?> environment) =>
        (environment("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => System.IO.Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    /// <summary>systemctl with an argv, never a shell; its output goes to the terminal.</summary>
    private static int RunSystemctl(string systemctl, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(systemctl) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("systemctl did not start");
        process.WaitForExit();
        return process.ExitCode;
    }
}
