namespace ProcessManager.Plugins.Bench;

/// <summary>Writes and removes plugin folders holding a minimal Python echo worker (the protocol of PROTOCOL.md).</summary>
internal sealed class PluginFolders(string root)
{
    private const string Worker = """
        import json, struct, sys
        inp, out = sys.stdin.buffer, sys.stdout.buffer
        while True:
            prefix = inp.read(4)
            if len(prefix) < 4:
                sys.exit(0)
            request = json.loads(inp.read(struct.unpack(">I", prefix)[0]))
            result = {"protocol": 1} if request["method"] == "hello" else request.get("params")
            body = json.dumps({"id": request["id"], "result": result}).encode()
            out.write(struct.pack(">I", len(body)) + body)
            out.flush()
        """;

    /// <summary>The worker first, the manifest last: the watcher sees a complete folder.</summary>
    public void Install(string name)
    {
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "worker.py"), Worker);
        File.WriteAllText(Path.Combine(folder, "plugin.conf"), $"name = {name}\ncommand = [python3, worker.py]\npool {{ min = 1, max = 1 }}\n");
    }

    public void Remove(string name) => Directory.Delete(Path.Combine(root, name), recursive: true);
}
