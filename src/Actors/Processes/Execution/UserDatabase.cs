using System.Globalization;
using ProcessManager.Actors.Os;

namespace ProcessManager.Actors.Processes.Execution;

/// <summary>Names to ids from /etc/passwd and /etc/group (numeric ids pass through).</summary>
internal static class UserDatabase
{
    public static uint ResolveUser(string user) =>
        uint.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
            ? uid
            : Find("/etc/passwd", user, 2) ?? throw Unknown("user", user, "/etc/passwd");

    public static uint? PrimaryGroupOf(string user) =>
        uint.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
            ? FindByColumn("/etc/passwd", 2, uid, 3)
            : Find("/etc/passwd", user, 3);

    public static uint ResolveGroup(string group) =>
        uint.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out var gid)
            ? gid
            : Find("/etc/group", group, 2) ?? throw Unknown("group", group, "/etc/group");

    /// <summary>The passwd entry of a user name or uid; null when the database has none.</summary>
    public static PasswdEntry? Lookup(string user) =>
        uint.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out var uid) ? LookupUid(uid) : Entry(0, user);

    /// <summary>The passwd entry of <paramref name="uid"/>; null when the database has none.</summary>
    public static PasswdEntry? LookupUid(uint uid) => Entry(2, uid.ToString(CultureInfo.InvariantCulture));

    private static PasswdEntry? Entry(int keyColumn, string key)
    {
        foreach (var line in ReadLines("/etc/passwd"))
        {
            var fields = line.Split(':');
            if (fields.Length >= 7 && fields[keyColumn] == key
                && uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
            {
                return new PasswdEntry(fields[0], uid, fields[5], fields[6]);
            }
        }

        return null;
    }

    private static SpawnException Unknown(string what, string name, string file) =>
        new(0, $"no {what} named '{name}' in {file}", $"cannot resolve {what}");

    private static uint? Find(string file, string name, int column)
    {
        foreach (var line in ReadLines(file))
        {
            var fields = line.Split(':');
            if (fields.Length > column && fields[0] == name
                && uint.TryParse(fields[column], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return id;
            }
        }

        return null;
    }

    private static uint? FindByColumn(string file, int keyColumn, uint key, int column)
    {
        var text = key.ToString(CultureInfo.InvariantCulture);
        foreach (var line in ReadLines(file))
        {
            var fields = line.Split(':');
            if (fields.Length > Math.Max(keyColumn, column) && fields[keyColumn] == text
                && uint.TryParse(fields[column], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return id;
            }
        }

        return null;
    }

    private static IEnumerable<string> ReadLines(string file) => File.Exists(file) ? File.ReadLines(file) : [];
}
