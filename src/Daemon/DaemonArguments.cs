namespace ProcessManager.Daemon;

/// <summary>pbmd's command line.</summary>
/// <param name="Home">State folder (overrides $PBM_HOME).</param>
/// <param name="ConfigFile">HOCON file over the standard load order.</param>
/// <param name="Background">Detach from the terminal, report readiness on stdout, then log to a file.</param>
/// <param name="LogFile">Where a background daemon logs; default $PBM_HOME/logs/pbmd.log.</param>
internal sealed record DaemonArguments(string? Home, string? ConfigFile, bool Background, string? LogFile)
{
    public const string Usage = """
        usage: pbmd [--home DIR] [--config FILE] [--background [--log-file FILE]]

          --home DIR        state folder (socket, database, logs, token); default $PBM_HOME, ~/.pbm, or /var/lib/pbm for root
          --config FILE     HOCON file layered over reference.conf, /etc/pbm/pbm.conf and $PBM_HOME/pbm.conf
          --background      detach (new session), print 'ready PID' when the API answers, then log to --log-file
          --log-file FILE   log file of a background daemon; default $PBM_HOME/logs/pbmd.log
        """;

    /// <summary>Parses the arguments or returns an error message.</summary>
    public static (DaemonArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? home = null, config = null, logFile = null;
        var background = false;
        for (var i = 0; i < args.Count; i++)
        {
            string? Value()
            {
                return i + 1 < args.Count ? args[++i] : null;
            }

            switch (args[i])
            {
                case "--home":
                    home = Value() ?? string.Empty;
                    break;
                case "--config":
                    config = Value() ?? string.Empty;
                    break;
                case "--log-file":
                    logFile = Value() ?? string.Empty;
                    break;
                case "--background":
                    background = true;
                    break;
                case "-h" or "--help":
                    return (null, string.Empty);
                default:
                    return (null, $"unknown argument '{args[i]}'");
            }
        }

        if (home is "" || config is "" || logFile is "")
        {
            return (null, "--home, --config and --log-file need a value");
        }

        if (config is not null && !File.Exists(config))
        {
            return (null, $"config file '{config}' does not exist");
        }

        return (new DaemonArguments(home is null ? null : Path.GetFullPath(home), config is null ? null : Path.GetFullPath(config), background, logFile), null);
    }
}
