using System.Globalization;

namespace ProcessManager.TestProgram;

internal sealed record Options
{
    public bool IgnoreSigterm { get; private set; }
    public int RssMb { get; private set; }
    public int AllocOnUsr1Mb { get; private set; }
    public int Grandchildren { get; private set; }
    public bool PrintFds { get; private set; }
    public int StdoutLines { get; private set; }
    public int StderrLines { get; private set; }
    public int LineSize { get; private set; } = 100;
    public bool Ready { get; private set; }
    public TimeSpan? Sleep { get; private set; }
    public bool Crash { get; private set; }
    public int ExitCode { get; private set; }

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--ignore-sigterm": o.IgnoreSigterm = true; break;
                case "--rss-mb": o.RssMb = Int(); break;
                case "--alloc-on-usr1": o.AllocOnUsr1Mb = Int(); break;
                case "--grandchildren": o.Grandchildren = Int(); break;
                case "--print-fds": o.PrintFds = true; break;
                case "--stdout-lines": o.StdoutLines = Int(); break;
                case "--stderr-lines": o.StderrLines = Int(); break;
                case "--line-size": o.LineSize = Int(); break;
                case "--ready": o.Ready = true; break;
                case "--sleep":
                    var text = Next();
                    o.Sleep = text == "inf" ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture));
                    break;
                case "--crash": o.Crash = true; break;
                case "--exit": o.ExitCode = Int(); break;
                default: throw new ArgumentException($"unknown flag {args[i]}");
            }
        }
        return o;
    }
}
