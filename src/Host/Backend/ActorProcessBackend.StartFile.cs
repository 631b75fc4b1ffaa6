using ProcessManager.Actors.Processes.Configuration;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Usb.Rules;
using ProcessManager.Hocon;
using ProcessManager.Host.Api;
using Dto = ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Backend;

/// <summary><c>pbm process start FILE [APP]</c>: one app of a file, declared and started; nothing else changes.</summary>
internal sealed partial class ActorProcessBackend
{
    public async Task<Dto.ProcessStatus> StartFileAsync(Dto.StartFileRequest request, CancellationToken cancellationToken)
    {
        var spec = ChooseApp(request);

        // An apply of this one app that removes nothing: added when new, restarted when changed, and marked as declared
        // by the file (so that a later apply of the whole file treats it as its own).
        await AskAsync<ApplyResult>(
            new ApplyConfig([spec], RemoveMissing: false, SourceFile: request.FileName),
            CommandTimeout,
            cancellationToken).ConfigureAwait(false);

        // "start" means running afterwards, also when the app was declared unchanged but stopped, or with autostart = false.
        var completed = await AskAsync<ProcessCommandCompleted>(new StartDeclaredProcess(spec.Name), CommandTimeout, cancellationToken).ConfigureAwait(false);
        return ProcessDtoMapper.Summary(completed.Name, completed.Instances);
    }

    /// <summary>The file's one app, or the app named; anchored at the file like an apply's, its env-file checked.</summary>
    private ProcessSpec ChooseApp(Dto.StartFileRequest request)
    {
        IReadOnlyList<ProcessSpec> apps;
        IReadOnlyList<UsbRule> rules;
        try
        {
            (apps, rules) = ParseAppsFile(request.FileName, request.Text, "declare them in a top-level block: processes { NAME { command = [program, args...] } }");
        }
        catch (ProcessSpecException ex)
        {
            throw new ApiException(400, $"invalid configuration in {request.FileName}", ex.Message);
        }
        catch (ConfigurationException ex)
        {
            throw new ApiException(400, $"cannot read {request.FileName}", ex.Message);
        }

        ProcessSpec chosen;
        if (request.App is { } name)
        {
            if (apps.FirstOrDefault(app => app.Name == name) is { } named)
            {
                chosen = named;
            }
            else if (rules.Any(rule => rule.App == name))
            {
                throw new ApiException(400, $"{name} in {request.FileName} is started by its USB rule, per device", "apply the file instead: pbm process apply FILE");
            }
            else
            {
                throw new ApiException(400, $"{request.FileName} has no app '{name}'", Choices(apps));
            }
        }
        else
        {
            chosen = apps.Count switch
            {
                1 => apps[0],
                0 => throw new ApiException(400, $"{request.FileName} declares no app to start", rules.Count > 0 ? "its apps are started per USB device: pbm process apply FILE" : null),
                _ => throw new ApiException(400, $"{request.FileName} declares {apps.Count} apps: name the one to start (pbm process start FILE APP), or apply the file", Choices(apps)),
            };
        }

        var anchored = ApplyPaths.Anchor([chosen], request.FileName);
        try
        {
            ApplyPaths.CheckEnvFiles(anchored);
        }
        catch (ProcessSpecException ex)
        {
            throw new ApiException(400, $"invalid configuration in {request.FileName}", ex.Message);
        }

        return anchored[0];
    }

    private static string Choices(IReadOnlyList<ProcessSpec> apps) =>
        apps.Count == 0 ? "it declares no apps" : "its apps: " + string.Join(", ", apps.Select(app => app.Name));
}
