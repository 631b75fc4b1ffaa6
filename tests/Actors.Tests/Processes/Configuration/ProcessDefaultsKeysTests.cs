using ProcessManager.Actors.Processes.Configuration;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Hocon;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Configuration;

/// <summary>reference.conf's pbm.process-defaults and the parser agree: same keys, every key read.</summary>
public sealed class ProcessDefaultsKeysTests
{
    /// <summary>A value other than reference.conf's for each key, and the base the app is compared with (some keys only apply to jobs).</summary>
    private static readonly Dictionary<string, (string Setting, string Base)> NonDefaults = new(StringComparer.Ordinal)
    {
        ["restart"] = ("restart = never", ""),
        ["success-exit-codes"] = ("success-exit-codes = [0, 7]", ""),
        ["instances"] = ("instances = 3", ""),
        ["shell"] = ("shell = true\ncommand = \"echo hi\"", ""),
        ["cwd"] = ("cwd = /tmp", ""),
        ["env"] = ("env { GREETING = hi }", ""),
        ["inherit-env"] = ("inherit-env = [TZ, \"LC_*\"]", ""),
        ["autostart"] = ("autostart = false", ""),
        ["kind"] = ("kind = job", ""),
        ["timeout"] = ("kind = job\ntimeout = 5s", "kind = job"),
        ["user"] = ("user = nobody", ""),
        ["group"] = ("group = nogroup", ""),
        ["backoff.min"] = ("backoff.min = 2s", ""),
        ["backoff.max"] = ("backoff.max = 45s", ""),
        ["backoff.random-factor"] = ("backoff.random-factor = 0.5", ""),
        ["backoff.reset-after"] = ("backoff.reset-after = 10s", ""),
        ["crash-loop.max-restarts"] = ("crash-loop.max-restarts = 3", ""),
        ["crash-loop.within"] = ("crash-loop.within = 10s", ""),
        ["crash-loop.cool-down"] = ("crash-loop.cool-down = 1m", ""),
        ["stop.signal"] = ("stop.signal = SIGINT", ""),
        ["stop.timeout"] = ("stop.timeout = 3s", ""),
        ["memory-limit"] = ("memory-limit = 64MiB", ""),
        ["logs.directory"] = ("logs.directory = /tmp/pbm-logs", ""),
        ["logs.max-size"] = ("logs.max-size = 1MiB", ""),
        ["logs.keep"] = ("logs.keep = 2", ""),
        ["logs.total-cap"] = ("logs.total-cap = 50MiB", ""),
        ["logs.timestamps"] = ("logs.timestamps = false", ""),
        ["logs.merge"] = ("logs.merge = true", ""),
        ["logs.ring-buffer-lines"] = ("logs.ring-buffer-lines = 10", ""),
        ["logs.max-line-length"] = ("logs.max-line-length = 1KiB", ""),
        ["logs.queue-capacity"] = ("logs.queue-capacity = 100", ""),
        ["metrics.interval"] = ("metrics.interval = 1s", ""),
        ["metrics.history"] = ("metrics.history = 10", ""),
        ["job-history"] = ("job-history = 7", ""),
        ["placement"] = ("placement = singleton", ""),
        ["placement-role"] = ("placement-role = gpu", ""),
        ["env-file"] = ("env-file = /etc/web.env", ""),
        ["env-file-max-size"] = ("env-file-max-size = 1KiB", ""),
        ["watch"] = ("watch = [src]", ""),
        ["watch-ignore"] = ("watch-ignore = [\"*.tmp\"]", ""),
        ["watch-debounce"] = ("watch-debounce = 200ms", ""),
        ["watch-max-directories"] = ("watch-max-directories = 10", ""),
    };

    private static Config ReferenceDefaults()
    {
        var reference = ConfigurationFactory.ParseFile(
            Path.Combine(AppContext.BaseDirectory, "hocon-examples", "reference.conf"),
            new HoconParseOptions { ResolveOptions = new HoconResolveOptions { Environment = new Dictionary<string, string> { ["HOME"] = "/home/u" } } });
        return reference.GetConfig("pbm.process-defaults");
    }

    private static IEnumerable<string> LeafKeys(HoconObject block, string prefix = "")
    {
        foreach (var (key, value) in block.Fields)
        {
            // env is free-form (NAME = value): one setting, not a group of settings.
            if (value is HoconObject { Count: > 0 } nested && key != "env")
            {
                foreach (var leaf in LeafKeys(nested, prefix + key + "."))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return prefix + key;
            }
        }
    }

    private static ProcessSpec App(string settings, Config defaults)
    {
        var text = settings.Contains("command", StringComparison.Ordinal) ? settings : "command = [sleep, \"1\"]\n" + settings;
        return ProcessSpecParser.ParseApp("app", ConfigurationFactory.ParseString(text, new HoconParseOptions { OriginDescription = "apps.conf" }), defaults);
    }

    [Fact]
    public void Reference_conf_names_exactly_the_keys_the_parser_reads()
    {
        var referenceKeys = LeafKeys(ReferenceDefaults().Root).Order(StringComparer.Ordinal);

        Assert.Equal(ProcessSpecParser.Keys.Where(key => key != "command"), referenceKeys);
        Assert.Equal(NonDefaults.Keys.Order(StringComparer.Ordinal), referenceKeys);
    }

    [Fact]
    public void Every_key_of_process_defaults_changes_the_spec_when_set()
    {
        var defaults = ReferenceDefaults();
        var unread = new List<string>();
        foreach (var (key, (setting, baseSetting)) in NonDefaults)
        {
            // Set in the app, and set in the defaults block: both must reach the spec.
            var baseline = App(baseSetting, defaults);
            var fromApp = App(setting, defaults);
            if (fromApp == baseline)
            {
                unread.Add(key + " (in the app)");
            }

            // shell = true needs a command string, which only an app gives.
            if (key != "shell" && App(baseSetting, ConfigurationFactory.ParseString(setting).WithFallback(defaults)) == baseline)
            {
                unread.Add(key + " (in pbm.process-defaults)");
            }
        }

        Assert.True(unread.Count == 0, "settings that do not reach the spec: " + string.Join(", ", unread));
    }

    [Fact]
    public void Reference_defaults_mean_no_cwd_no_memory_limit_no_timeout_and_the_daemons_user()
    {
        var spec = App("", ReferenceDefaults());

        Assert.Null(spec.WorkingDirectory);
        Assert.Null(spec.MemoryLimitBytes);
        Assert.Null(spec.Timeout);
        Assert.Null(spec.User);
        Assert.Null(spec.Group);
        Assert.Equal(RestartPolicy.OnFailure, spec.Restart);
        Assert.Equal("/home/u/.pbm/logs", spec.Logs.Directory);
    }

    [Fact]
    public void Off_null_and_empty_unset_a_value_the_defaults_set()
    {
        var defaults = ConfigurationFactory.ParseString("memory-limit = 1GiB\ncwd = /srv\nuser = www-data");

        var spec = App("memory-limit = off\ncwd = \"\"\nuser = null", defaults);

        Assert.Null(spec.MemoryLimitBytes);
        Assert.Null(spec.WorkingDirectory);
        Assert.Null(spec.User);
    }

    [Fact]
    public void A_bad_value_in_the_defaults_names_its_file_and_line()
    {
        var defaults = ConfigurationFactory.ParseString("restart = never\nbackoff {\n  min = soon\n}", new HoconParseOptions { OriginDescription = "pbm.conf" });

        var error = Assert.Throws<ProcessSpecException>(() => App("", defaults));

        var only = Assert.Single(error.Errors);
        Assert.Equal("app.backoff.min", only.Field);
        Assert.Equal("pbm.conf:3", only.Origin);
        Assert.Contains("duration", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_and_old_key_names_are_errors_at_any_depth_with_file_and_line()
    {
        var error = Assert.Throws<ProcessSpecException>(() => App("logs {\n  max-files = 2\n}\nargv = [x]\nstop = SIGTERM", ReferenceDefaults()));

        var byField = error.Errors.ToDictionary(e => e.Field);
        Assert.Equal("apps.conf:3", byField["app.logs.max-files"].Origin);
        Assert.Contains("keep", byField["app.logs.max-files"].Message, StringComparison.Ordinal);
        Assert.Equal("apps.conf:5", byField["app.argv"].Origin);
        Assert.Equal("apps.conf:6", byField["app.stop"].Origin);
    }
}
