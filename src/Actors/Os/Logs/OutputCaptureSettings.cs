namespace ProcessManager.Actors.Os.Logs;

/// <summary>Where programs' output FIFOs live and how much output each may hold while no daemon reads it.</summary>
/// <param name="Directory">Private folder (0700) of the FIFOs, NAME-INDEX.stdout / .stderr.</param>
/// <param name="PipeSize">Pipe buffer per stream in bytes, capped at /proc/sys/fs/pipe-max-size; a program writing more
/// while no daemon reads waits for the next daemon.</param>
public sealed record OutputCaptureSettings(string Directory, int PipeSize = OutputCaptureSettings.DefaultPipeSize)
{
    public const int DefaultPipeSize = 1024 * 1024;

    /// <summary>The kernel's smallest pipe: one page.</summary>
    public const int MinPipeSize = 4096;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the field that is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            throw new ArgumentException("output-capture.fifo-directory must name a folder", nameof(Directory));
        }
        if (PipeSize < MinPipeSize)
        {
            throw new ArgumentException($"output-capture.pipe-size = {PipeSize}: must be at least {MinPipeSize}", nameof(PipeSize));
        }
    }
}
