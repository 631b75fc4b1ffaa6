using System.Runtime.Serialization;
using Akka.Actor;
using ProcessManager.Actors.Cluster;
using ProcessManager.Actors.Processes.Protocol;
using Xunit;
using AkkaTestKit = Akka.TestKit.Xunit.TestKit;

namespace ProcessManager.Actors.Tests.Cluster;

/// <summary>What one node writes, another reads back whole: every field, nested specs and statuses included.</summary>
public sealed class ClusterProtocolSerializerTests : AkkaTestKit
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 21, 0, 0, TimeSpan.Zero);

    private static readonly ProcessStatus Running = new(
        "web", 1, "web-1", ProcessState.Running, 4242, 3, TimeSpan.FromSeconds(90), 12.5, 64L << 20, 1, 15, At, null, 7, ProcessKind.Service)
    {
        CapturedLogLines = 1234,
    };

    private static readonly ProcessSpec Spec = new()
    {
        Name = "web",
        Argv = ["/usr/bin/python3", "-m", "http.server", "8080"],
        WorkingDirectory = "/srv/web",
        Environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["MODE"] = "production" },
        Instances = 2,
        Restart = RestartPolicy.OnFailure,
        SuccessExitCodes = [0, 3],
        Backoff = new BackoffSettings(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(20), 0.2, TimeSpan.FromMinutes(1)),
        MemoryLimitBytes = 512L << 20,
        Placement = AppPlacement.Singleton,
        PlacementRole = "edge",
        SourceFile = "/etc/pbm/apps.conf",
    };

    private readonly ClusterProtocolSerializer _serializer;

    public ClusterProtocolSerializerTests()
    {
        _serializer = new ClusterProtocolSerializer((ExtendedActorSystem)Sys);
    }

    public static TheoryData<string> Samples() => [.. SampleMessages().Keys];

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_message_reads_back_as_the_same_type_with_every_field(string sample)
    {
        var message = SampleMessages()[sample];

        var manifest = _serializer.Manifest(message);
        var bytes = _serializer.ToBinary(message);
        var read = _serializer.FromBinary(bytes, manifest);

        Assert.IsType(message.GetType(), read);
        // Records holding lists compare by reference: the same bytes again show that nothing was lost on the way.
        Assert.Equal(bytes, _serializer.ToBinary(read));
    }

    [Fact]
    public void Nested_specs_and_statuses_keep_their_values()
    {
        var start = RoundTrip(new StartProcess(Spec));
        Assert.Equal(Spec.Argv, start.Spec.Argv);
        Assert.Equal("production", start.Spec.Environment["MODE"]);
        Assert.Equal((Spec.Backoff, Spec.MemoryLimitBytes, AppPlacement.Singleton, "edge"), (start.Spec.Backoff, start.Spec.MemoryLimitBytes, start.Spec.Placement, start.Spec.PlacementRole));

        var status = Assert.Single(RoundTrip(new ProcessList([Running])).Processes);
        Assert.Equal(Running, status);
        Assert.Equal(1234, status.CapturedLogLines);
    }

    [Fact]
    public void An_unknown_manifest_and_a_damaged_message_are_refused_with_the_manifest_named()
    {
        var unknown = Assert.Throws<SerializationException>(() => _serializer.FromBinary([], "list.v99"));
        Assert.Contains("'list.v99'", unknown.Message, StringComparison.Ordinal);

        var damaged = Assert.Throws<SerializationException>(() => _serializer.FromBinary("{\"Processes\":"u8.ToArray(), "list.reply.v1"));
        Assert.Contains("'list.reply.v1'", damaged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_only_message_is_not_written()
    {
        var follow = new FollowLog("web", null, CancellationToken.None);

        Assert.Throws<ArgumentException>(() => _serializer.Manifest(follow));
        Assert.Throws<ArgumentException>(() => _serializer.ToBinary(follow));
    }

    private T RoundTrip<T>(T message)
        where T : notnull => (T)_serializer.FromBinary(_serializer.ToBinary(message), _serializer.Manifest(message));

    private static Dictionary<string, object> SampleMessages() => new(StringComparer.Ordinal)
    {
        ["node-info.get"] = GetNodeInfo.Instance,
        ["node-info"] = new NodeInfo("n2", At, "1.0.0+abc", 100),
        ["node-process-event"] = new NodeProcessEvent("n2", new ProcessStateChanged(Running, ProcessState.Starting, "started", At)),
        ["list"] = ListProcesses.Instance,
        ["list.reply"] = new ProcessList([Running, Running with { Instance = 0, FullName = "web-0", Pid = null, State = ProcessState.Stopped }]),
        ["describe.reply"] = new ProcessDescription(Spec, DesiredState.Running, [Running], []),
        ["start"] = new StartProcess(Spec),
        ["stop"] = new StopProcess("web"),
        ["command.completed"] = new ProcessCommandCompleted("web", [Running]),
        ["apply"] = new ApplyConfig([Spec], RemoveMissing: false, SourceFile: "/etc/pbm/apps.conf", Prune: true, DryRun: true),
        ["apply.reply"] = new ApplyResult(["a"], ["b"], ["c"], ["d"], ["e"]),
        ["tail"] = new TailLog("web", 1, 50),
        ["tail.reply"] = new LogLines("web", [new LogLine("web-1", LogSource.Stderr, At, "listening on :8080")]),
        ["error.not-found"] = new ProcessNotFound("nope"),
        ["error.failed"] = new CommandFailed("the journal could not write"),
        ["log-follow"] = new FollowLogRemotely("web", 1, "akka.ssl.tcp://pbm@127.0.0.1:7355/system/remote-log-1#42"),
        ["log-follow.started"] = new RemoteLogFollowing("web"),
        ["log-follow.ack"] = RemoteLogAck.Instance,
        ["signal"] = new SignalProcess("web", 1, 0),
        ["signal.reply"] = new ProcessSignalled("web", [new SignalledInstance("web-0", 4242)]),
        ["api-forward"] = new ForwardedApiRequest("POST", "/v1/daemon/token/rotate?x=1", "application/json", "{}"u8.ToArray()),
        ["api-forward.stream"] = new FollowForwardedApi("/v1/metrics/live", "akka.ssl.tcp://pbm@127.0.0.1:7355/system/forwarded-stream-1#42"),
        ["api-forward.stream.started"] = ForwardedApiStreamStarted.Instance,
        ["api-forward.stream.line"] = new ForwardedApiLine("{\"at\":\"2026-12-04T06:00:00Z\",\"processes\":[]}"),
        ["api-forward.stream.ack"] = ForwardedApiAck.Instance,
        ["api-forward.reply"] = new ForwardedApiResponse(404, "application/json", "{\"error\":\"unknown device\"}"u8.ToArray()),
    };
}
