using Microsoft.Win32.SafeHandles;

namespace ProcessManager.Host.Hosting.DaemonLog;

/// <summary>
/// An append-only log file that rotates itself: past <see cref="DaemonLogSettings.MaxSize"/>, <c>FILE</c> becomes
/// <c>FILE.1</c>, <c>FILE.1</c> becomes <c>FILE.2</c>, and so on; the one past <see cref="DaemonLogSettings.Keep"/> is deleted.
/// Used by one writer at a time.
/// </summary>
public sealed class RotatingLogFile : IDisposable
{
    private readonly string _path;
    private readonly DaemonLogSettings _settings;
    private readonly Action<SafeFileHandle>? _reopened;
    private FileStream _stream;

    /// <summary>Opens <paramref name="path"/> (created 0600), first rotating it when it is already full.</summary>
    /// <param name="reopened">Told of every newly opened file, e.g. to point stdout and stderr at it.</param>
    public RotatingLogFile(string path, DaemonLogSettings settings, Action<SafeFileHandle>? reopened = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _path = Path.GetFullPath(path);
        _settings = settings;
        _reopened = reopened;
        Actors.Os.PrivateDirectory.Create(Path.GetDirectoryName(_path)!);
        RotateIfFull(_path, settings);
        _stream = Open();
    }

    /// <summary>Rotates <paramref name="path"/> when it holds <see cref="DaemonLogSettings.MaxSize"/> bytes or more.</summary>
    public static void RotateIfFull(string path, DaemonLogSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var file = new FileInfo(path);
        if (file.Exists && file.Length >= settings.MaxSize)
        {
            Rotate(path, settings.Keep);
        }
    }

    /// <summary>Appends <paramref name="text"/>, then rotates when the file is full.</summary>
    public void Write(ReadOnlySpan<byte> text)
    {
        _stream.Write(text);
        _stream.Flush();
        if (_stream.Length >= _settings.MaxSize)
        {
            _stream.Dispose();
            Rotate(_path, _settings.Keep);
            _stream = Open();
        }
    }

    public void Dispose() => _stream.Dispose();

    private FileStream Open()
    {
        var stream = new FileStream(_path, new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.ReadWrite | FileShare.Delete,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        _reopened?.Invoke(stream.SafeFileHandle);
        return stream;
    }

    private static void Rotate(string path, int keep)
    {
        if (keep == 0)
        {
            File.Delete(path);
            return;
        }

        File.Delete($"{path}.{keep}");
        for (var i = keep - 1; i >= 1; i--)
        {
            if (File.Exists($"{path}.{i}"))
            {
                File.Move($"{path}.{i}", $"{path}.{i + 1}");
            }
        }

        File.Move(path, $"{path}.1");
    }
}
