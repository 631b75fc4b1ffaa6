using System.Globalization;
using System.Runtime.InteropServices;
using ProcessManager.Actors.Os.Native;

namespace ProcessManager.Actors.Os.Logs;

/// <summary>
/// The stdout and stderr of one instance as two named pipes (NAME-INDEX.stdout / .stderr) in a private folder, so that
/// a program's output outlives the daemon. The child opens its end O_RDWR: on Linux that descriptor is a reader as
/// well as a writer, so with no daemon reading the program never gets SIGPIPE or EPIPE; its writes fill the pipe
/// buffer (<see cref="OutputCaptureSettings.PipeSize"/>) and then block until a daemon opens the read end again.
/// A plain pipe dies with its reader; a descriptor-holder process would be one more thing to keep alive.
/// </summary>
public sealed unsafe class OutputFifos
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const string StdoutSuffix = ".stdout";
    private const string StderrSuffix = ".stderr";

    private static readonly Lazy<int> PipeMaxSize = new(ReadPipeMaxSize);

    private readonly byte[] _stdoutZ;
    private readonly byte[] _stderrZ;

    /// <param name="settings">The folder and the pipe size.</param>
    /// <param name="name">The app name (a checked name: no '/', not "." or "..").</param>
    /// <param name="index">The instance index.</param>
    public OutputFifos(OutputCaptureSettings settings, string name, int index)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal) || name.StartsWith('.'))
        {
            throw new ArgumentException($"app name '{name}' cannot be used in a file name", nameof(name));
        }
        Settings = settings;
        var baseName = Path.Combine(Path.GetFullPath(settings.Directory), string.Create(CultureInfo.InvariantCulture, $"{name}-{index}"));
        StdoutPath = baseName + StdoutSuffix;
        StderrPath = baseName + StderrSuffix;
        _stdoutZ = NativeString.ToUtf8Z(StdoutPath);
        _stderrZ = NativeString.ToUtf8Z(StderrPath);
    }

    public OutputCaptureSettings Settings { get; }

    public string StdoutPath { get; }

    public string StderrPath { get; }

    internal byte[] StdoutPathZ => _stdoutZ;

    internal byte[] StderrPathZ => _stderrZ;

    /// <summary>
    /// Before a spawn: replaces both FIFOs with new ones (0600; whatever an earlier program left unread is dropped with
    /// the old ones) and opens their read ends (non-blocking, close-on-exec).
    /// </summary>
    /// <exception cref="SpawnException">The folder or a FIFO cannot be created or opened.</exception>
    internal (int Stdout, int Stderr) CreateAndOpen()
    {
        CreateDirectory(Settings.Directory);
        var stdout = CreateAndOpen(_stdoutZ, StdoutPath);
        try
        {
            return (stdout, CreateAndOpen(_stderrZ, StderrPath));
        }
        catch
        {
            _ = LibC.close(stdout);
            throw;
        }
    }

    /// <summary>
    /// After a daemon restart: opens the read end of a FIFO an adopted program still writes to; -1 when it does not
    /// exist or is not a FIFO (a program started before output went through FIFOs).
    /// </summary>
    internal int OpenExisting(bool stderr)
    {
        fixed (byte* path = stderr ? _stderrZ : _stdoutZ)
        {
            var fd = LibC.open(path, LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC | LibC.O_NOFOLLOW, 0);
            if (fd < 0)
            {
                return -1;
            }
            // F_GETPIPE_SZ fails on anything but a pipe or FIFO.
            if (LibC.fcntl(fd, LibC.F_GETPIPE_SZ, 0) < 0)
            {
                _ = LibC.close(fd);
                return -1;
            }
            return fd;
        }
    }

    /// <summary>Bytes waiting in the pipe behind <paramref name="fd"/> (FIONREAD); 0 when unknown.</summary>
    internal static int Waiting(int fd)
    {
        var count = 0;
        return LibC.ioctl(fd, LibC.FIONREAD, &count) == 0 ? count : 0;
    }

    /// <summary>Removes both FIFOs (the instance ended or is deleted); a missing one is not an error.</summary>
    public void Delete()
    {
        fixed (byte* stdout = _stdoutZ)
        fixed (byte* stderr = _stderrZ)
        {
            _ = LibC.unlink(stdout);
            _ = LibC.unlink(stderr);
        }
    }

    /// <summary>
    /// At daemon start, before any instance: removes FIFOs no process holds open any more (their program ended while no
    /// daemon ran). Opening for writing without blocking fails with ENXIO exactly when the FIFO has no reader, and a
    /// live program is always a reader of its own FIFO. Returns how many were removed.
    /// </summary>
    public static int RemoveStale(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            return 0;
        }
        var removed = 0;
        foreach (var path in Directory.EnumerateFiles(directory))
        {
            if (!path.EndsWith(StdoutSuffix, StringComparison.Ordinal) && !path.EndsWith(StderrSuffix, StringComparison.Ordinal))
            {
                continue;
            }
            var pathZ = NativeString.ToUtf8Z(path);
            fixed (byte* p = pathZ)
            {
                var fd = LibC.open(p, LibC.O_WRONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC | LibC.O_NOFOLLOW, 0);
                if (fd >= 0)
                {
                    _ = LibC.close(fd);
                    continue;
                }
                if (Marshal.GetLastPInvokeError() == LibC.ENXIO && LibC.unlink(p) == 0)
                {
                    removed++;
                }
            }
        }
        return removed;
    }

    private int CreateAndOpen(byte[] pathZ, string path)
    {
        fixed (byte* p = pathZ)
        {
            _ = LibC.unlink(p);
            if (LibC.mkfifo(p, 0x180 /* 0600 */) != 0)
            {
                throw Failure($"cannot create output FIFO {path}");
            }
            var fd = LibC.open(p, LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC | LibC.O_NOFOLLOW, 0);
            if (fd < 0)
            {
                throw Failure($"cannot open output FIFO {path}");
            }
            var size = Math.Min(Settings.PipeSize, PipeMaxSize.Value);
            // Best effort: a user over fs.pipe-user-pages-soft keeps the default size (EPERM), output is still captured.
            _ = LibC.fcntl(fd, LibC.F_SETPIPE_SZ, size);
            return fd;
        }
    }

    private static void CreateDirectory(string directory)
    {
        PrivateDirectory.Create(directory);
        if (!OperatingSystem.IsWindows() && File.GetUnixFileMode(directory) != OwnerOnly)
        {
            File.SetUnixFileMode(directory, OwnerOnly);
        }
    }

    private static SpawnException Failure(string what)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new SpawnException(errno, LibC.ErrorText(errno), what);
    }

    private static int ReadPipeMaxSize()
    {
        try
        {
            return int.Parse(File.ReadAllText("/proc/sys/fs/pipe-max-size").Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return 1024 * 1024;
        }
    }
}
