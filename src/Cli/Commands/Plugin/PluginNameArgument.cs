using ProcessManager.Cli.Infrastructure;
using ProcessManager.Contracts;

namespace ProcessManager.Cli.Commands.Plugin;

/// <summary>Reads and checks a plugin name argument before anything is sent.</summary>
internal static class PluginNameArgument
{
    public static string Read(ArgumentReader args) => Check(args.Positionals(1, 1, "NAME")[0]);

    public static string Check(string name) =>
        ProcessNames.IsValid(name) ? name : throw new UsageException($"invalid plugin name '{name}': {ProcessNames.Rule}");
}
