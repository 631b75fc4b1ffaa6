namespace ProcessManager.Plugins.Bench;

/// <summary>A worker the bench loads: its files and the command of its manifest.</summary>
/// <param name="Title">How the rows name it.</param>
/// <param name="Command">The manifest's command (HOCON list items).</param>
/// <param name="Files">Written into the plugin folder before the manifest: name and bytes.</param>
internal sealed record WorkerKind(string Title, string Command, IReadOnlyList<(string Name, byte[] Bytes, bool Executable)> Files);

/// <summary>Writes and removes plugin folders holding a worker (the protocol of PROTOCOL.md).</summary>
internal sealed class PluginFolders(string root)
{
    /// <summary>A minimal Python echo worker: json and struct only (no site-packages needed).</summary>
    public const string PythonWorker = """
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

    /// <summary>The worker first, the manifest last: the watcher sees a complete folder when the manifest is closed.</summary>
    public void Install(string name, WorkerKind kind)
    {
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        foreach (var (file, bytes, executable) in kind.Files)
        {
            var path = Path.Combine(folder, file);
            File.WriteAllBytes(path, bytes);
            if (executable)
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        File.WriteAllText(Path.Combine(folder, "plugin.conf"), $"name = {name}\ncommand = [{kind.Command}]\npool {{ min = 1, max = 1 }}\n");
    }

    public void Remove(string name) => Directory.Delete(Path.Combine(root, name), recursive: true);
}
