using ProcessManager.Persistence;
using ProcessManager.Persistence.CrashWriter;
using ProcessManager.Persistence.Journal;
using ProcessManager.Persistence.Serialization;

// Usage: CrashWriter <sqlite-path> <writers>
// Each writer appends events to its own persistence id ("crash-<n>") forever and prints
// "<persistence id> <sequence nr>" after each acknowledged write; the test kills us mid-burst.
if (args.Length != 2 || !int.TryParse(args[1], out var writers) || writers < 1)
{
    await Console.Error.WriteLineAsync("usage: CrashWriter <sqlite-path> <writers>");
    return 2;
}

var serializer = new EventSerializer().Register(CrashEvent.Manifest, CrashWriterJsonContext.Default.CrashEvent);
var settings = new PersistenceSettings { SqlitePath = args[0] };
await using var store = await PersistenceStore.OpenAsync(settings, serializer);
var output = TextWriter.Synchronized(Console.Out);
await output.WriteLineAsync("ready");
await output.FlushAsync();

var tasks = Enumerable.Range(0, writers).Select(n => Task.Run(async () =>
{
    var id = $"crash-{n}";
    for (long seq = 1; ; seq++)
    {
        await store.WriteAsync([new PersistentEvent(id, seq, CrashEvent.Create(id, seq))]);
        await output.WriteLineAsync($"{id} {seq}");
        await output.FlushAsync();
    }
}));
await Task.WhenAll(tasks);
return 0;
