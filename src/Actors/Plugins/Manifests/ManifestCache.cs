namespace ProcessManager.Actors.Plugins.Manifests;

/// <summary>
/// Parsed manifests by (path, checksum), least recently used evicted beyond <c>capacity</c>: a rescan parses only
/// the files whose bytes changed. Used by one scan at a time (the plugin host runs scans one after the other), so
/// it needs no lock.
/// </summary>
internal sealed class ManifestCache(int capacity)
{
    private readonly Dictionary<(string Path, string Checksum), LinkedListNode<Entry>> _index = [];
    private readonly LinkedList<Entry> _order = new();

    public int Count => _index.Count;

    public int Capacity { get; } = capacity >= 1 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "at least 1");

    /// <summary>Parses that were avoided.</summary>
    public long Hits { get; private set; }

    /// <summary>The manifest at <paramref name="path"/> with these bytes: from the cache, else parsed (errors are not cached).</summary>
    /// <exception cref="ManifestException">The manifest is invalid.</exception>
    public PluginManifest GetOrParse(string path, byte[] bytes, PluginHostSettings settings)
    {
        var key = (path, ManifestParser.Checksum(bytes));
        if (_index.TryGetValue(key, out var node))
        {
            _order.Remove(node);
            _order.AddFirst(node);
            Hits++;
            return node.Value.Manifest;
        }
        var manifest = ManifestParser.Parse(bytes, path, settings);
        _index[key] = _order.AddFirst(new Entry(key, manifest));
        while (_index.Count > Capacity)
        {
            var last = _order.Last!;
            _order.RemoveLast();
            _index.Remove(last.Value.Key);
        }
        return manifest;
    }

    private sealed record Entry((string Path, string Checksum) Key, PluginManifest Manifest);
}
