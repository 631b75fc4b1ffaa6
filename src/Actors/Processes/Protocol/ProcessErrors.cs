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
