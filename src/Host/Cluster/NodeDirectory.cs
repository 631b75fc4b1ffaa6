using System.Reflection;
using Akka.Actor;
using Akka.Cluster;
using ProcessManager.Actors.Cluster;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Host.Api;

namespace ProcessManager.Host.Cluster;

/// <summary>
/// The cluster as the API sees it: the members by node name (each carries its name as a role), what each reports
/// about itself, where a node's process supervisor is, and leave/down by name. Membership is Akka.Cluster's; this class
/// keeps no state of its own.
/// </summary>
internal sealed class NodeDirectory
{
    /// <summary>The daemon's version, as nodes report it.</summary>
    public static readonly string Version =
        typeof(NodeDirectory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The actor system, for the fleet's event stream.</summary>
    public ActorSystem System => _system;

    private readonly ActorSystem _system;
    private readonly Akka.Cluster.Cluster _cluster;
    private readonly IActorRef _localSupervisor;

    public NodeDirectory(ActorSystem system, ClusterSettings settings, IActorRef localSupervisor)
    {
        _system = system;
        _cluster = Akka.Cluster.Cluster.Get(system);
        _localSupervisor = localSupervisor;
        Settings = settings;
    }

    public ClusterSettings Settings { get; }

    public string SelfName => Settings.NodeName;

    /// <summary>The name a member carries in its roles, or its address when it has none (not a pbm daemon).</summary>
    public static string NameOf(Member member) =>
        member.Roles.FirstOrDefault(role => role.StartsWith(ClusterSettings.NodeRolePrefix, StringComparison.Ordinal)) is { } role
            ? role[ClusterSettings.NodeRolePrefix.Length..]
            : member.Address.ToString();

    /// <summary>Every member, with what the reachable ones report about themselves (asked in parallel).</summary>
    public async Task<IReadOnlyList<NodeStatus>> ListAsync(CancellationToken cancellationToken)
    {
        var state = _cluster.State;
        var unreachable = state.Unreachable;
        var members = state.Members.ToList();
        var infos = await Task.WhenAll(members.Select(member => unreachable.Contains(member)
            ? Task.FromResult<NodeInfo?>(null)
            : InfoAsync(member.Address, cancellationToken))).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        return members.Select((member, i) => new NodeStatus(
                NameOf(member),
                member.Address.ToString(),
                StatusName(member.Status),
                !unreachable.Contains(member),
                member.Roles.Where(role => !role.StartsWith(ClusterSettings.NodeRolePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList(),
                infos[i] is { } info ? Math.Max(0, (now - info.StartedAt).TotalSeconds) : null,
                infos[i] is { Programs: >= 0 } counted ? counted.Programs : null,
                infos[i]?.Version ?? member.AppVersion.ToString(),
                member.Address.Equals(_cluster.SelfAddress)))
            .OrderBy(node => node.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The members that are up, this node included, by name, and whether the failure detector hears them.</summary>
    public IReadOnlyList<(string Name, bool Reachable)> UpNodes()
    {
        var state = _cluster.State;
        return state.Members.Where(m => m.Status == MemberStatus.Up)
            .Select(m => (NameOf(m), !state.Unreachable.Contains(m)))
            .OrderBy(node => node.Item1, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Where to send the process supervisor's commands for <paramref name="name"/>.</summary>
    /// <exception cref="ApiException">404 when no member has that name.</exception>
    public ICanTell Supervisor(string name)
    {
        if (name == SelfName)
        {
            return _localSupervisor;
        }

        return _system.ActorSelection(new RootActorPath(Find(name).Address) / "user" / "processes");
    }

    /// <summary>The actor /user/<paramref name="actor"/> of node <paramref name="name"/>.</summary>
    /// <exception cref="ApiException">404 when no member has that name.</exception>
    public ActorSelection Server(string name, string actor) =>
        _system.ActorSelection(new RootActorPath(Find(name).Address) / "user" / actor);

    public void Leave(string name) => _cluster.Leave(Find(name).Address);

    public void Down(string name) => _cluster.Down(Find(name).Address);

    private Member Find(string name)
    {
        var state = _cluster.State;
        return state.Members.FirstOrDefault(m => NameOf(m) == name)
            ?? throw new ApiException(404, $"no node named '{name}'", "members: " + string.Join(", ", state.Members.Select(NameOf).Order(StringComparer.Ordinal)));
    }

    private async Task<NodeInfo?> InfoAsync(Address address, CancellationToken cancellationToken)
    {
        try
        {
            var selection = _system.ActorSelection(new RootActorPath(address) / "user" / NodeInfoActor.Name);
            return await selection.Ask<NodeInfo>(GetNodeInfo.Instance, Settings.AskTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is AskTimeoutException or TaskCanceledException)
        {
            return null;
        }
    }

    private static string StatusName(MemberStatus status) => status switch
    {
        MemberStatus.WeaklyUp => "weakly-up",
        _ => status.ToString().ToLowerInvariant(),
    };
}
