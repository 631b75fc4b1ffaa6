using ProcessManager.Contracts;
using ProcessManager.Contracts.Client;

namespace ProcessManager.Cli.Infrastructure;

/// <summary>The daemon pbm talks to, the token it presents and, for https://, the extra certificates it trusts.</summary>
internal sealed record Target(PbmEndpoint Endpoint, string? Token, string Source, string? CaFile = null, string? Node = null)
{
    /// <summary>
    /// Resolves the target: <c>--host</c>, else <c>--context</c>, else <c>PBM_HOST</c>, else the current context,
    /// else <c>unix:$PBM_HOME/pbm.sock</c>. The token: <c>--token</c>, <c>--token-file</c>, the context's, <c>PBM_TOKEN</c>,
    /// and for TCP the local daemon's token file when readable.
    /// </summary>
    public static Target Resolve(GlobalOptions options, Func<string, string?> environment)
    {
        PbmContext? context = null;
        string? host;
        string source;
        if (options.Host is not null)
        {
            host = options.Host;
            source = "--host";
        }
        else
        {
            var contexts = PbmContexts.Load(PbmPaths.ContextsFile(environment));
            var contextName = options.Context ?? (environment("PBM_HOST") is { Length: > 0 } ? null : contexts.Current);
            if (options.Context is not null && !contexts.Contexts.ContainsKey(options.Context))
            {
                throw new UsageException($"no context named '{options.Context}' in {PbmPaths.ContextsFile(environment)}");
            }

            if (contextName is not null && contexts.Contexts.TryGetValue(contextName, out context))
            {
                host = context.Host;
                source = "context " + contextName;
            }
            else if (environment("PBM_HOST") is { Length: > 0 } fromEnvironment)
            {
                host = fromEnvironment;
                source = "PBM_HOST";
            }
            else
            {
                host = "unix:" + Path.Combine(PbmPaths.Home(environment), "pbm.sock");
                source = "default";
            }
        }

        if (!PbmEndpoint.TryParse(host, out var endpoint, out var error))
        {
            throw new UsageException(error);
        }

        var token = options.Token
            ?? ReadTokenFile(options.TokenFile)
            ?? context?.Token
            ?? ReadTokenFile(PbmPaths.ExpandHome(context?.TokenFile, environment))
            ?? (environment("PBM_TOKEN") is { Length: > 0 } t ? t : null);
        if (token is null && !endpoint.IsUnixSocket)
        {
            var local = Path.Combine(PbmPaths.Home(environment), "api.token");
            token = File.Exists(local) ? ReadTokenFile(local) : null;
        }

        var caFile = options.CaFile ?? PbmPaths.ExpandHome(context?.CaFile, environment);
        if (caFile is not null && !File.Exists(caFile))
        {
            throw new UsageException($"CA file {caFile} does not exist");
        }

        if (options.Node is { } node && !ProcessNames.IsValid(node))
        {
            throw new UsageException($"--node '{node}' is not a node name (letters, digits, '.', '_', '-')");
        }

        return new Target(endpoint, token, source, caFile, options.Node);
    }

    private static string? ReadTokenFile(string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read token file {path}: {ex.Message}");
        }
    }
}
