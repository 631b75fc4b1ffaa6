using System.Globalization;
using ProcessManager.Actors.Os;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Execution;

/// <summary>Turns a spec into the os layer's spawn request: argv (or sh -c), environment, uid/gid.</summary>
internal static class SpawnRequestFactory
{
    public static SpawnRequest Create(ProcessSpec spec, string instanceName, int index, ProgramTag? tag = null)
    {
        // Not the daemon's environment: it may hold secrets. See ProgramEnvironment.
        var environment = ProgramEnvironment.Build(spec);

        // Programs can tell which instance they are (ports per instance, and so on).
        environment["PBM_APP"] = spec.Name;
        environment["PBM_INSTANCE"] = instanceName;
        environment["PBM_INSTANCE_INDEX"] = index.ToString(CultureInfo.InvariantCulture);
        if (tag is not null)
        {
            environment[ProgramTag.Variable] = tag.ValueFor(instanceName);
        }

        uint? uid = spec.User is null ? null : UserDatabase.ResolveUser(spec.User);
        uint? gid = spec.Group is not null
            ? UserDatabase.ResolveGroup(spec.Group)
            : spec.User is not null ? UserDatabase.PrimaryGroupOf(spec.User) : null;
        return new SpawnRequest(spec.EffectiveArgv, spec.WorkingDirectory, environment, uid, gid);
    }
}
