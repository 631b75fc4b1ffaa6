using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ProcessManager.TestProgram;

// Behaviour by flags, applied in this order (all optional):
//   --ignore-sigterm              SIGTERM does nothing
//   --rss-mb N                    allocate and touch N MiB
//   --alloc-on-usr1 N             on SIGUSR1 allocate and touch N MiB, then print ALLOCATED
//   --grandchildren N             start N `sleep 3600` children (same group), print "GRANDCHILD <pid>" each
//   --print-fds                   print "FD <n>" for every open descriptor
//   --stdout-lines N / --stderr-lines N / --line-size B   numbered lines of B bytes including the newline
//   --ready                       print READY
//   --sleep SECONDS|inf           sleep
//   --crash                       die by SIGABRT (Environment.FailFast)
//   --exit CODE                   exit code (default 0)
var options = Options.Parse(args);
var keep = new List<object>();
using var sigterm = options.IgnoreSigterm ? PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => c.Cancel = true) : null;
var stdout = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
var stderr = new BufferedStream(Console.OpenStandardError(), 1 << 16);

if (options.RssMb > 0)
{
    keep.Add(Memory.Touch(options.RssMb));
}
using var usr1 = options.AllocOnUsr1Mb > 0
    ? PosixSignalRegistration.Create((PosixSignal)10, c =>
    {
        c.Cancel = true;
        lock (keep)
        {
            keep.Add(Memory.Touch(options.AllocOnUsr1Mb));
            Output.Line(stdout, "ALLOCATED");
            stdout.Flush();
        }
    })
    : null;
for (var i = 0; i < options.Grandchildren; i++)
{
    using var child = Process.Start(new ProcessStartInfo("sleep", "3600") { UseShellExecute = false })!;
    Output.Line(stdout, "GRANDCHILD " + child.Id.ToString(CultureInfo.InvariantCulture));
}
if (options.PrintFds)
{
    foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
    {
        Output.Line(stdout, "FD " + Path.GetFileName(fd));
    }
}
Output.Numbered(stdout, options.StdoutLines, options.LineSize);
Output.Numbered(stderr, options.StderrLines, options.LineSize);
if (options.Ready)
{
    Output.Line(stdout, "READY");
}
lock (keep)
{
    stdout.Flush();
}
stderr.Flush();
if (options.Sleep is { } sleep)
{
    Thread.Sleep(sleep);
}
if (options.Crash)
{
    Environment.FailFast("crash requested by --crash");
}
GC.KeepAlive(keep);
return options.ExitCode;
