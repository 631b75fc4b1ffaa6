using Akka.Actor;
using Akka.Configuration;
using ProcessManager.Persistence.Configuration;
using ProcessManager.Persistence.CrashWriter;

// Usage: CrashWriter <sqlite-path> <writers>
// Each writer is a persistent actor on the group-commit journal that persists events to its own
// persistence id ("crash-<n>") forever and prints "<persistence id> <sequence nr>" after each
// acknowledged one; the test kills us mid-burst with SIGKILL.
if (args.Length != 2 || !int.TryParse(args[1], out var writers) || writers < 1)
{
    await Console.Error.WriteLineAsync("usage: CrashWriter <sqlite-path> <writers>");
    return 2;
}

var settings = new PbmPersistenceSettings { SqlitePath = args[0] };
var config = PersistencePlugins.Config(settings).WithFallback(ConfigurationFactory.ParseString("akka.loglevel = ERROR"));
using var system = ActorSystem.Create("crash-writer", config);
var output = TextWriter.Synchronized(Console.Out);
await output.WriteLineAsync("ready");
await output.FlushAsync();
for (var n = 0; n < writers; n++)
{
    var id = $"crash-{n}";
    system.ActorOf(Props.Create(() => new CrashWriterActor(id, output)), $"writer-{n}");
}

await system.WhenTerminated;
return 0;
