using System.Reflection;
using System.Runtime.ExceptionServices;
using Akka.Actor;
using ProcessManager.Host.Api;
using ProcessManager.Host.Backend;
using ProcessManager.Host.Hosting;

namespace ProcessManager.Host.Cluster;

/// <summary>
/// The backend of a daemon in a cluster: a call made for another node (<see cref="NodeTarget.Current"/>) goes to a
/// backend whose process supervisor is that node's, reached over Akka.Remote; any other call to this daemon's own.
/// A proxy over <see cref="IProcessBackend"/>, so a method added to the interface is forwarded without a change here.
/// The few calls that do not go to another node's supervisor are answered by its other servers (<see cref="OnNode"/>),
/// or are made on its API (<see cref="ForwardedApiCall"/>).
/// </summary>
public class NodeRoutingBackend : DispatchProxy
{
    /// <summary>Properties of this daemon itself (`pbm daemon status` describes the daemon pbm talks to).</summary>
    private static readonly HashSet<string> AlwaysLocal = new(StringComparer.Ordinal)
    {
        "get_" + nameof(IProcessBackend.JournalFailures),
    };

    private IProcessBackend _local = null!;
    private NodeDirectory _directory = null!;
    private ActorSystem _system = null!;
    private ProcessManagerSetup _setup = null!;

    internal static IProcessBackend Create(IProcessBackend local, NodeDirectory directory, ActorSystem system, ProcessManagerSetup setup)
    {
        var proxy = Create<IProcessBackend, NodeRoutingBackend>();
        var routing = (NodeRoutingBackend)(object)proxy;
        routing._local = local;
        routing._directory = directory;
        routing._system = system;
        routing._setup = setup;
        return proxy;
    }

    /// <summary>The backend for <paramref name="node"/>; this daemon's for null or its own name.</summary>
    internal IProcessBackend For(string? node)
    {
        if (node is null || node == _directory.SelfName)
        {
            return _local;
        }

        // Made for each call (it holds nothing but the address): a node that restarted elsewhere is found at its new
        // address, and a name that left is a 404.
        return new ActorProcessBackend(_system, _directory.Supervisor(node), _setup, ownJournal: false);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var node = NodeTarget.Current;
        if (node is not null && node != _directory.SelfName && OnNode(targetMethod.Name, node, args!) is { } answer)
        {
            return answer;
        }

        try
        {
            return targetMethod.Invoke(AlwaysLocal.Contains(targetMethod.Name) ? _local : For(node), args);
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(error.InnerException);
            throw;
        }
    }

    /// <summary>
    /// Another node's answer to a call its supervisor does not answer: events from the fleet's topic, a log follow
    /// from its log-follow server. Null for every other call.
    /// The node's name is checked first, so an unknown one is a 404 before anything starts.
    /// </summary>
    private object? OnNode(string method, string node, object?[] args)
    {
        switch (method)
        {
            case nameof(IProcessBackend.EventsAsync):
                _ = _directory.Supervisor(node);
                return FleetEvents.OfNodeAsync(_directory, node, _setup.Api.EventBuffer, (CancellationToken)args[0]!);
            case nameof(IProcessBackend.FollowAsync):
                _ = _directory.Supervisor(node);
                return RemoteLogFollow.FollowAsync(_directory, node, For(node), (string)args[0]!, (int)args[1]!, (CancellationToken)args[2]!);
            case nameof(IProcessBackend.HierarchyAsync) or nameof(IProcessBackend.BufferUsageAsync):
                // They read this daemon's own actor system; the API forwards their requests to the node's API instead.
                throw new ApiException(501, $"'{method.Replace("Async", string.Empty, StringComparison.Ordinal)}' is not available for another node", $"ask node '{node}' itself");
            default:
                return null;
        }
    }
}
