using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace ProcessManager.Actors.Os.Logs;

/// <summary>
/// PATH, rotated to PATH.1 … PATH.keep by size. Sizes are tracked as bytes are written (the rotated
/// files are stat'ed once when opened), so no directory is ever scanned. Rotation happens at a line
/// boundary; a single line longer than max-size gets a file of its own.
/// </summary>
internal sealed class RotatingLogFile : ILogFile
{
    private readonly string _path;
    private readonly long _maxSize;
    private readonly int _keep;
    private readonly long _cap;

    /// <summary>Sizes of PATH.1 … PATH.keep (index 0 unused); 0 for a missing file.</summary>
    private readonly long[] _rotatedSizes;
    private SafeFileHandle _handle;
    private long _length;

    internal RotatingLogFile(string path, long maxSize, int keep, long cap)
    {
        _path = path;
        _maxSize = maxSize;
        _keep = keep;
        _cap = cap;
        _rotatedSizes = new long[keep + 1];
        for (var i = 1; i <= keep; i++)
        {
            var info = new FileInfo(RotatedPath(i));
            _rotatedSizes[i] = info.Exists ? info.Length : 0;
        }
        // Program output may hold anything: private folders (made 0700, wherever logs.directory points) and files.
        PrivateDirectory.Create(Path.GetDirectoryName(path)!);

        (_handle, _length) = Open();
    }

    internal long Length => _length;

    public void Write(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var room = _maxSize - _length;
            if (data.Length <= room)
            {
                Append(data);
                return;
            }
            // Take as many whole lines as fit; an empty file takes one line whatever its size.
            var fit = room > 0 ? data[..(int)Math.Min(room, data.Length)].LastIndexOf((byte)'\n') + 1 : 0;
            if (fit == 0 && _length == 0)
            {
                fit = data.IndexOf((byte)'\n') + 1;
                if (fit == 0)
                {
                    fit = data.Length;
                }
            }
            if (fit > 0)
            {
                Append(data[..fit]);
                data = data[fit..];
            }
            Rotate();
        }
    }

    public void Dispose() => _handle.Dispose();

    private void Append(ReadOnlySpan<byte> data)
    {
        try
        {
            System.IO.RandomAccess.Write(_handle, data, _length);
        }
        catch (IOException)
        {
            // A write that stopped part-way (disk full) leaves no torn line behind: the file ends at the last whole one.
            TruncateToLength();
            throw;
        }

        _length += data.Length;
    }

    private void TruncateToLength()
    {
        try
        {
            System.IO.RandomAccess.SetLength(_handle, _length);
        }
        catch (IOException)
        {
            // Nothing more to do: the next write starts at the same offset and overwrites the partial bytes.
        }
    }

    private void Rotate()
    {
        _handle.Dispose();
        if (_keep == 0)
        {
            File.Delete(_path);
        }
        else
        {
            File.Delete(RotatedPath(_keep));
            for (var i = _keep - 1; i >= 1; i--)
            {
                if (_rotatedSizes[i] > 0 || File.Exists(RotatedPath(i)))
                {
                    File.Move(RotatedPath(i), RotatedPath(i + 1), overwrite: true);
                }
                _rotatedSizes[i + 1] = _rotatedSizes[i];
            }
            File.Move(_path, RotatedPath(1), overwrite: true);
            _rotatedSizes[1] = _length;
            EnforceCap();
        }
        (_handle, _length) = Open();
    }

    /// <summary>Deletes the oldest rotated files until this stream's files fit in the cap.</summary>
    private void EnforceCap()
    {
        var total = _rotatedSizes.Sum();
        for (var i = _keep; i >= 1 && total + _maxSize > _cap; i--)
        {
            if (_rotatedSizes[i] > 0)
            {
                File.Delete(RotatedPath(i));
                total -= _rotatedSizes[i];
                _rotatedSizes[i] = 0;
            }
        }
    }

    private (SafeFileHandle Handle, long Length) Open()
    {
        // Created 0600 by open(2) itself (a chmod afterwards would leave a moment where others could open it).
        if (!OperatingSystem.IsWindows() && !File.Exists(_path))
        {
            try
            {
                using var created = new FileStream(_path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    Share = FileShare.ReadWrite | FileShare.Delete,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
            }
            catch (IOException) when (File.Exists(_path))
            {
                // Created meanwhile; whoever did chose its mode.
            }
        }

        var handle = File.OpenHandle(_path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        return (handle, System.IO.RandomAccess.GetLength(handle));
    }

    private string RotatedPath(int index) => string.Create(CultureInfo.InvariantCulture, $"{_path}.{index}");
}
