using ActorCommands = ProcessManager.Cli.Commands.Actor;
using ConfigCommands = ProcessManager.Cli.Commands.Config;
using ContextCommands = ProcessManager.Cli.Commands.Contexts;
using DaemonCommands = ProcessManager.Cli.Commands.Daemon;
using DashboardCommands = ProcessManager.Cli.Commands.Dashboard;
using LogCommands = ProcessManager.Cli.Commands.Log;
using NodeCommands = ProcessManager.Cli.Commands.Node;
using PluginCommands = ProcessManager.Cli.Commands.Plugin;
using ProcessCommands = ProcessManager.Cli.Commands.Process;
using StatsCommands = ProcessManager.Cli.Commands.Stats;
using UsbCommands = ProcessManager.Cli.Commands.Usb;
using TopCommands = ProcessManager.Cli.Commands.Top;

namespace ProcessManager.Cli.Infrastructure;

/// <summary>pbm's built-in palettes and commands, in help order.</summary>
internal static class CommandCatalog
{
    /// <summary>Palette descriptions.</summary>
    public static IReadOnlyList<(string Name, string Summary)> Palettes { get; } =
    [
        ("process", "Start, stop, list and configure managed processes"),
        ("log", "Read and follow process output"),
        ("usb", "USB devices: list, describe, follow and history of attach/detach"),
        ("plugin", "Plugins: list, describe, invoke, reload, history"),
        ("actor", "Inspect the actor supervision tree"),
        ("stats", "Daemon memory and performance"),
        ("daemon", "Start, stop and inspect the daemon"),
        ("node", "The cluster's nodes: list, leave, down (pbm.cluster)"),
        ("config", "Inspect the daemon configuration"),
        ("context", "Named daemon targets (~/.pbm/contexts), like kubectl's contexts"),
        ("dashboard", "The web dashboard: a one-time login link (pbm dashboard)"),
        ("top", "Full-screen live process table with sparklines (pbm top)"),
    ];

    /// <summary>Every built-in command.</summary>
    public static IReadOnlyList<CommandDefinition> Commands { get; } =
    [
        ProcessCommands.List.Definition,
        ProcessCommands.Describe.Definition,
        ProcessCommands.Start.Definition,
        ProcessCommands.Stop.Definition,
        ProcessCommands.Restart.Definition,
        ProcessCommands.Delete.Definition,
        ProcessCommands.History.Definition,
        ProcessCommands.Events.Definition,
        ProcessCommands.Apply.Definition,
        ProcessCommands.Scale.Definition,
        LogCommands.Tail.Definition,
        LogCommands.Follow.Definition,
        LogCommands.Flush.Definition,
        UsbCommands.List.Definition,
        UsbCommands.Describe.Definition,
        UsbCommands.Follow.Definition,
        UsbCommands.History.Definition,
        PluginCommands.List.Definition,
        PluginCommands.Describe.Definition,
        PluginCommands.Invoke.Definition,
        PluginCommands.Reload.Definition,
        PluginCommands.History.Definition,
        ActorCommands.Hierarchy.Definition,
        StatsCommands.Memory.Definition,
        StatsCommands.Performance.Definition,
        DaemonCommands.Start.Definition,
        DaemonCommands.Stop.Definition,
        DaemonCommands.Restart.Definition,
        DaemonCommands.Status.Definition,
        DaemonCommands.Token.Definition,
        DaemonCommands.Install.Definition,
        ProcessCommands.Signal.Definition,
        NodeCommands.List.Definition,
        NodeCommands.Leave.Definition,
        NodeCommands.Down.Definition,
        ConfigCommands.Resolve.Definition,
        ContextCommands.List.Definition,
        ContextCommands.Current.Definition,
        ContextCommands.Use.Definition,
        ContextCommands.Set.Definition,
        ContextCommands.Delete.Definition,
        DashboardCommands.Open.Definition,
        TopCommands.Show.Definition,
    ];

    /// <summary>What a palette named alone runs (<c>pbm dashboard</c> is <c>pbm dashboard open</c>).</summary>
    public static IReadOnlyDictionary<string, string> DefaultCommands { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dashboard"] = "open",
        ["top"] = "show",
    };

    /// <summary>True for a built-in palette name.</summary>
    public static bool IsBuiltIn(string palette) => Palettes.Any(p => p.Name == palette);

    /// <summary>Finds a built-in command.</summary>
    public static CommandDefinition? Find(string palette, string command) =>
        Commands.FirstOrDefault(c => c.Palette == palette && c.Name == command);
}
