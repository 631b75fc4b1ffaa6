using System.Security.Cryptography;
using System.Text;

namespace ProcessManager.Actors.Os;

/// <summary>
/// Marks every program a daemon starts with <c>PBM_INSTANCE_ID=DAEMON/INSTANCE</c> in its environment, which its children
/// inherit. A restarted daemon finds by it what its journal cannot tell: a program started just before the old daemon
/// died and whose pid was never recorded, and members of a group whose leader ended while no daemon ran.
/// systemd's INVOCATION_ID and PM2's pm_id are the same idea.
/// </summary>
/// <param name="DaemonId">Tells this daemon's programs from another daemon's on the same machine (a hash of its home).</param>
public sealed record ProgramTag(string DaemonId)
{
    public const string Variable = "PBM_INSTANCE_ID";

    /// <summary>The tag of the daemon whose home is <paramref name="home"/>.</summary>
    public static ProgramTag ForHome(string home)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(home);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Path.TrimEndingDirectorySeparator(Path.GetFullPath(home))));
        return new ProgramTag(Convert.ToHexStringLower(hash, 0, 8));
    }

    /// <summary>The variable's value for <paramref name="instanceName"/> (web-0).</summary>
    public string ValueFor(string instanceName) => DaemonId + "/" + instanceName;
}
