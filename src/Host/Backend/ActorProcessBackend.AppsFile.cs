using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Usb.Rules;
using ProcessManager.Configuration;
using ProcessManager.Hocon;
using ProcessManager.Host.Api;
using ProcessManager.Host.Hosting;

namespace ProcessManager.Host.Backend;

/// <summary>Reading an apps file pbm sent (apply, start FILE): the same parse, validation and defaults for both.</summary>
internal sealed partial class ActorProcessBackend
{
    /// <summary>
    /// The apps and USB rules of <paramref name="text"/>, relative includes resolved from the file's folder, the file's
    /// pbm.process-defaults over the daemon's. Not yet anchored at the file (<see cref="ApplyPaths"/>).
    /// </summary>
    /// <exception cref="ApiException">400: no top-level processes block, or processes nested elsewhere.</exception>
    /// <exception cref="ProcessSpecException">An app is invalid.</exception>
    /// <exception cref="ConfigurationException">The file is not valid HOCON.</exception>
    private (IReadOnlyList<ProcessSpec> Apps, IReadOnlyList<UsbRule> Rules) ParseAppsFile(string fileName, string text, string noProgramsHint)
    {
        var directory = Path.GetDirectoryName(fileName);
        var config = ConfigurationFactory.ParseString(text, HoconParseOptions.Default with
        {
            OriginDescription = fileName,
            BaseDirectory = string.IsNullOrEmpty(directory) ? null : directory,
        });
        try
        {
            PbmConfigValidator.RequireTopLevelProcesses(config);
        }
        catch (ConfigurationException ex)
        {
            throw new ApiException(400, $"invalid configuration in {fileName}", ex.Message);
        }

        if (!config.HasPath(PbmConfigValidator.ProcessesPath))
        {
            throw new ApiException(400, $"{fileName} declares no programs", noProgramsHint);
        }

        var daemonDefaults = ProcessManagerSetup.ProcessDefaults(_setup.Config);
        var defaults = config.HasPath("pbm.process-defaults")
            ? config.GetConfig("pbm.process-defaults").WithFallback(daemonDefaults ?? Config.Empty)
            : daemonDefaults;
        return UsbRuleParser.Parse(config.GetConfig(PbmConfigValidator.ProcessesPath), defaults);
    }
}
