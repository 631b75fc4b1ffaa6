using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Host.Api;
using Dto = ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Backend;

/// <summary><c>pbm process signal NAME SIGNAL</c>: NAME is an app, or NAME-INDEX one instance of it.</summary>
internal sealed partial class ActorProcessBackend
{
    public async Task<Dto.SignalResult> SignalAsync(string name, string signal, CancellationToken cancellationToken)
    {
        if (!SignalNames.TryParse(signal, out var number))
        {
            throw new ApiException(400, $"'{signal}' is not a signal", "use a name like SIGHUP (or HUP) or a number 1..64");
        }

        var reply = await AskRawAsync(new SignalProcess(name, number), CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (reply is ProcessNotFound && InstanceName.TryParse(name) is var (app, index))
        {
            reply = await AskRawAsync(new SignalProcess(app, number, index), CommandTimeout, cancellationToken).ConfigureAwait(false);
            if (reply is ProcessNotFound)
            {
                throw ApiException.UnknownProcess(name);
            }
        }

        var signalled = Expect<ProcessSignalled>(reply, "SignalProcess");
        return new Dto.SignalResult(name, SignalNames.Name(number), [.. signalled.Signalled.Select(one => new Dto.SignalledProgram(one.Instance, one.Pid))]);
    }
}
