namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>A command that failed; Message is written for the person who issued it.</summary>
public interface IProcessCommandError
{
    string Message { get; }
}

public sealed record ProcessNotFound(string Name) : IProcessCommandError
{
    public string Message => $"no process named '{Name}'";
}

/// <summary>A spec field is wrong. Origin is the file:line it was declared at, when known.</summary>
public sealed record InvalidProcessSpec(string Field, string Message, string? Origin = null) : IProcessCommandError
{
    public override string ToString() =>
        Origin is null ? $"{Field}: {Message}" : $"{Origin}: {Field}: {Message}";
}

/// <summary>The command was understood but could not be carried out (e.g. the journal refused a write).</summary>
public sealed record CommandFailed(string Reason) : IProcessCommandError
{
    public string Message => Reason;
}

/// <summary>
/// The journal could not record the change the command asked for; <paramref name="Changed"/> says whether anything was
/// carried out anyway (a program already stopped or started, which a restarted daemon would not know of).
/// </summary>
public sealed record JournalRefused(string What, string Reason, bool Changed) : IProcessCommandError
{
    public string Message => Changed
        ? $"{What} was carried out but not recorded, so a restarted daemon will not know of it: {Reason}"
        : $"{What} was not recorded, so nothing was changed: {Reason}";
}
