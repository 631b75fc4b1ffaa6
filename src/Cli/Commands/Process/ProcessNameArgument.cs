using ProcessManager.Cli.Infrastructure;
using ProcessManager.Contracts;

namespace ProcessManager.Cli.Commands.Process;

/// <summary>Reads and checks a process name argument before anything is sent.</summary>
internal static class ProcessNameArgument
{
    /// <summary>The single NAME argument.</summary>
    public static string Read(ArgumentReader args) => Check(args.Positionals(1, 1, "NAME")[0]);

    /// <summary>Checks a name against the rule.</summary>
    public static string Check(string name) =>
        ProcessNames.IsValid(name) ? name : throw new UsageException($"invalid process name '{name}': {ProcessNames.Rule}");
}
