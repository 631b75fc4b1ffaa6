namespace ProcessManager.Cli.Infrastructure;

/// <summary>Options that apply to every command: where the daemon is and how to authenticate.</summary>
internal sealed record GlobalOptions(string? Host, string? Token, string? TokenFile, string? Context, bool Help, bool Version = false, string? CaFile = null, string? Node = null)
{
    /// <summary>Takes the global options out of <paramref name="args"/> (anywhere before <c>--</c>); returns what is left.</summary>
    public static (GlobalOptions Options, List<string> Remaining) Extract(IReadOnlyList<string> args)
    {
        string? host = null, token = null, tokenFile = null, context = null, caFile = null, node = null;
        var help = false;
        var version = false;
        var remaining = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                remaining.AddRange(args.Skip(i));
                break;
            }

            string Value()
            {
                return i + 1 < args.Count ? args[++i] : throw new UsageException($"{arg} needs a value");
            }

            switch (arg)
            {
                case "--host" or "-H":
                    host = Value();
                    break;
                case "--token":
                    token = Value();
                    break;
                case "--token-file":
                    tokenFile = Value();
                    break;
                case "--context":
                    context = Value();
                    break;
                case "--ca-file":
                    caFile = Value();
                    break;
                case "--node":
                    node = Value();
                    break;
                case "--help" or "-h":
                    help = true;
                    break;
                case "--version":
                    version = true;
                    break;
                default:
                    if (arg.StartsWith("--host=", StringComparison.Ordinal))
                    {
                        host = arg["--host=".Length..];
                    }
                    else if (arg.StartsWith("--node=", StringComparison.Ordinal))
                    {
                        node = arg["--node=".Length..];
                    }
                    else if (arg.StartsWith("--context=", StringComparison.Ordinal))
                    {
                        context = arg["--context=".Length..];
                    }
                    else
                    {
                        remaining.Add(arg);
                    }

                    break;
            }
        }

        return (new GlobalOptions(host, token, tokenFile, context, help, version, caFile, node), remaining);
    }
}
