using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using ProcessManager.Actors.Os.Native;

namespace ProcessManager.Actors.Os.Watching;

/// <summary>
/// Watches folders (recursively, one inotify watch per folder, at most <c>maxDirectories</c>) or single files for
/// changes, skipping what <see cref="WatchIgnore"/> ignores, and reports each batch of changes with the first path and
/// a count. Folders created later are watched as they appear. Symbolic links are not followed. Its own inotify
/// descriptor, read by the shared <see cref="InotifyLoop"/>; building it walks the tree, so callers build it off
/// their actor's mailbox.
/// </summary>
internal sealed unsafe class DirectoryWatcher : IDisposable
{
    private const uint DirectoryMask =
        InotifyNative.IN_CREATE | InotifyNative.IN_DELETE | InotifyNative.IN_MODIFY | InotifyNative.IN_CLOSE_WRITE
        | InotifyNative.IN_MOVED_FROM | InotifyNative.IN_MOVED_TO | InotifyNative.IN_DELETE_SELF | InotifyNative.IN_MOVE_SELF
        | InotifyNative.IN_DONT_FOLLOW | InotifyNative.IN_EXCL_UNLINK;

    private readonly WatchIgnore _ignore;
    private readonly int _maxDirectories;
    private readonly Action<string, int> _changed;
    private readonly Action<string> _problem;
    private readonly Action<string>? _fileWritten;

    /// <summary>Watch descriptor → the watched path and the root it belongs to (for relative paths). Written by the creator and the loop thread.</summary>
    private readonly ConcurrentDictionary<int, (string Root, string Path)> _watches = new();

    /// <summary>Serialises reading the descriptor with closing it, so the loop never reads a closed (or reused) descriptor.</summary>
    private readonly Lock _gate = new();

    private readonly int _fd;
    private readonly ulong _token;
    private bool _disposed;
    private bool _truncated;

    /// <param name="roots">Absolute folders (watched recursively) or files.</param>
    /// <param name="changed">Told the first changed path of a batch (relative to its root) and how many changes the batch held; called on the loop thread.</param>
    /// <param name="problem">Told what could not be watched (missing root, the watch bound reached).</param>
    /// <param name="fileWritten">
    /// Told, before the batch is reported, each file closed after writing or moved in (relative to its root): a file
    /// complete now, which a caller may read at once instead of waiting for quiet. Files found in a folder that
    /// appeared are told too (written before its watch was in place, they raise no event of their own); one still
    /// being written then is told again when it is closed. Called on the loop thread.
    /// </param>
    public DirectoryWatcher(IReadOnlyList<string> roots, WatchIgnore ignore, int maxDirectories, Action<string, int> changed, Action<string> problem, Action<string>? fileWritten = null)
    {
        _fileWritten = fileWritten;
        ArgumentNullException.ThrowIfNull(roots);
        _ignore = ignore;
        _maxDirectories = maxDirectories;
        _changed = changed;
        _problem = problem;
        _fd = InotifyNative.inotify_init1(InotifyNative.IN_NONBLOCK | InotifyNative.IN_CLOEXEC);
        if (_fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"inotify_init1: {LibC.ErrorText(errno)}{(errno == 24 ? " (fs.inotify.max_user_instances reached)" : "")}");
        }

        try
        {
            foreach (var root in roots)
            {
                if (Directory.Exists(root))
                {
                    AddTree(root, root);
                }
                else if (File.Exists(root))
                {
                    Add(Path.GetDirectoryName(root)!, root, InotifyNative.IN_MODIFY | InotifyNative.IN_CLOSE_WRITE | InotifyNative.IN_DELETE_SELF | InotifyNative.IN_MOVE_SELF | InotifyNative.IN_ATTRIB);
                }
                else
                {
                    _problem($"{root} does not exist; it is not watched");
                }
            }

            _token = InotifyLoop.Add(_fd, this);
        }
        catch
        {
            _ = LibC.close(_fd);
            throw;
        }
    }

    /// <summary>Folders and files watched now.</summary>
    public int Count => _watches.Count;

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            InotifyLoop.Remove(_fd, _token);
            _ = LibC.close(_fd);
        }
    }

    /// <summary>The descriptor has events: read them all, watch new folders, report one batch.</summary>
    /// <param name="scratch">The loop's read buffer, shared by every watcher (the loop reads one descriptor at a time).</param>
    internal void OnReadable(byte[] scratch)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            string? first = null;
            var count = 0;
            fixed (byte* buffer = scratch)
            {
                while (true)
                {
                    var read = LibC.read(_fd, buffer, scratch.Length);
                    if (read <= 0)
                    {
                        break;
                    }

                    for (var offset = 0; offset + InotifyNative.EventHeaderSize <= read;)
                    {
                        var header = new ReadOnlySpan<byte>(buffer + offset, InotifyNative.EventHeaderSize);
                        var wd = BinaryPrimitives.ReadInt32LittleEndian(header);
                        var mask = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
                        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
                        var name = length == 0 ? "" : Encoding.UTF8.GetString(new ReadOnlySpan<byte>(buffer + offset + InotifyNative.EventHeaderSize, length).TrimEnd((byte)0));
                        offset += InotifyNative.EventHeaderSize + length;
                        if (Relevant(wd, mask, name) is { } path)
                        {
                            first ??= path;
                            count++;
                        }
                    }
                }
            }

            if (first is not null)
            {
                _changed(first, count);
            }
        }
    }

    /// <summary>The relative path of a change that counts; null for one that does not (ignored, bookkeeping).</summary>
    private string? Relevant(int wd, uint mask, string name)
    {
        if ((mask & InotifyNative.IN_Q_OVERFLOW) != 0)
        {
            return "(more changes than inotify could queue)";
        }

        if ((mask & InotifyNative.IN_IGNORED) != 0)
        {
            _watches.TryRemove(wd, out _);
            return null;
        }

        if (!_watches.TryGetValue(wd, out var watch))
        {
            return null;
        }

        var full = name.Length == 0 ? watch.Path : watch.Path + "/" + name;
        var relative = Path.GetRelativePath(watch.Root, full);
        relative = relative == "." ? Path.GetFileName(full) : relative;
        if (_ignore.IsIgnored(relative))
        {
            return null;
        }

        if ((mask & InotifyNative.IN_ISDIR) != 0 && (mask & (InotifyNative.IN_CREATE | InotifyNative.IN_MOVED_TO)) != 0)
        {
            AddTree(watch.Root, full, reportFiles: _fileWritten is not null);
        }
        else if ((mask & (InotifyNative.IN_CLOSE_WRITE | InotifyNative.IN_MOVED_TO)) != 0 && name.Length > 0)
        {
            _fileWritten?.Invoke(relative);
        }

        return relative;
    }

    private void AddTree(string root, string top, bool reportFiles = false)
    {
        var pending = new Stack<string>();
        pending.Push(top);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            var relative = Path.GetRelativePath(root, directory);
            if (relative != "." && _ignore.IsIgnored(relative))
            {
                continue;
            }

            if (_watches.Count >= _maxDirectories)
            {
                if (!_truncated)
                {
                    _truncated = true;
                    _problem($"watch-max-directories ({_maxDirectories}) reached at {directory}: deeper folders are not watched; raise it or add watch-ignore globs");
                }

                return;
            }

            if (!Add(root, directory, DirectoryMask | InotifyNative.IN_ONLYDIR))
            {
                continue;
            }

            try
            {
                var folder = new DirectoryInfo(directory);
                foreach (var child in reportFiles ? folder.EnumerateFileSystemInfos() : folder.EnumerateDirectories())
                {
                    if (child.LinkTarget is not null)
                    {
                        continue;
                    }

                    if (child is DirectoryInfo)
                    {
                        pending.Push(child.FullName);
                    }
                    else if (reportFiles && Path.GetRelativePath(root, child.FullName) is var file && !_ignore.IsIgnored(file))
                    {
                        _fileWritten!(file);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone or unreadable meanwhile: what could be watched is.
            }
        }
    }

    private bool Add(string root, string path, uint mask)
    {
        var native = NativeString.ToUtf8Z(path);
        int wd;
        fixed (byte* p = native)
        {
            wd = InotifyNative.inotify_add_watch(_fd, p, mask);
        }

        if (wd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is 28)
            {
                _problem($"cannot watch {path}: the system's inotify watches are used up (fs.inotify.max_user_watches)");
            }

            return false;
        }

        _watches[wd] = (root, path);
        return true;
    }
}
