using ProcessManager.Cli.Infrastructure;
using ProcessManager.Contracts;

namespace ProcessManager.Cli.Commands.Process;

/// <summary>The NAME... arguments of the commands that act on many processes: names, NAME-INDEX, globs, <c>all</c>.</summary>
internal static class Targets
{
    /// <summary>Most targets one command line takes.</summary>
    public const int MaxTargets = 1000;

    /// <summary>The usage text of the arguments.</summary>
    public const string Usage = "NAME|NAME-INDEX|GLOB|all...";

    /// <summary>Reads and checks one or more targets.</summary>
    public static IReadOnlyList<string> Read(ArgumentReader args) => Check(args.Positionals(1, MaxTargets, "NAME (or several, a glob such as 'web-*', or 'all')"));

    /// <summary>Checks targets against the rule.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<string> targets)
    {
        foreach (var target in targets)
        {
            if (!ProcessTargets.IsValid(target))
            {
                throw new UsageException($"invalid process name '{target}': {ProcessTargets.Rule}");
            }
        }

        return targets;
    }

    /// <summary>True when the targets name exactly one process by name, so the single-process call answers.</summary>
    public static bool IsSingle(IReadOnlyList<string> targets) => targets.Count == 1 && !ProcessTargets.IsPattern(targets[0]);
}
