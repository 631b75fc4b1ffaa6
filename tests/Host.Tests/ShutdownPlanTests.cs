using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ProcessManager.Hocon;
using ProcessManager.Host.Hosting;

namespace ProcessManager.Host.Tests;

/// <summary>
/// The Generic Host's shutdown timeout covers every coordinated-shutdown phase of the configuration, and the
/// service-stop phase outlasts the longest stop timeout.
/// </summary>
public sealed class ShutdownPlanTests
{
    private const string LongPhases = """
        akka.coordinated-shutdown.phases {
          before-service-unbind.timeout = 5s
          service-unbind.timeout = 5s
          service-requests-done.timeout = 10s
          service-stop.timeout = 3m
          before-actor-system-terminate.timeout = 5s
          actor-system-terminate.timeout = 10s
        }
        """;

    private const string ShortPhases = """
        pbm.process-defaults.stop.timeout = 1s
        akka.coordinated-shutdown.phases {
          before-service-unbind.timeout = 1s
          service-unbind.timeout = 1s
          service-requests-done.timeout = 1s
          service-stop.timeout = 6s
          before-actor-system-terminate.timeout = 1s
          actor-system-terminate.timeout = 1s
        }
        """;

    [Fact]
    public void The_reference_phases_sum_to_65s_and_the_host_waits_that_plus_the_margin()
    {
        var home = Directory.CreateTempSubdirectory("pbm-shutdown-tests-").FullName;
        try
        {
            Assert.Equal(TimeSpan.FromSeconds(65) + ShutdownPlan.HostMargin, EffectiveTimeout(pm => pm.Options.PbmHome = home));

            // Loaded the daemon's way: $PBM_HOME/pbm.conf over reference.conf.
            File.WriteAllText(Path.Combine(home, "pbm.conf"), "akka.coordinated-shutdown.phases.service-stop.timeout = 1m\n");
            Assert.Equal(TimeSpan.FromSeconds(95) + ShutdownPlan.HostMargin, EffectiveTimeout(pm => pm.Options.PbmHome = home));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public void A_longer_service_stop_phase_in_the_config_file_lengthens_the_host_timeout()
    {
        var home = Directory.CreateTempSubdirectory("pbm-shutdown-tests-").FullName;
        try
        {
            var file = Path.Combine(home, "daemon.conf");
            File.WriteAllText(file, LongPhases);

            var timeout = EffectiveTimeout(pm =>
            {
                pm.Options.PbmHome = home;
                pm.Options.ConfigFile = file;
            });

            Assert.Equal(TimeSpan.FromSeconds(215) + ShutdownPlan.HostMargin, timeout);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public void Short_phases_keep_the_hosts_own_default_a_longer_explicit_timeout_wins_a_shorter_one_does_not()
    {
        var hostDefault = new HostOptions().ShutdownTimeout;
        Assert.Equal(hostDefault, EffectiveTimeout(pm => pm.Options.Configuration = ConfigurationFactory.ParseString(ShortPhases)));

        Assert.Equal(TimeSpan.FromMinutes(10), EffectiveTimeout(pm =>
        {
            pm.Options.Configuration = ConfigurationFactory.ParseString(LongPhases);
            pm.Options.ShutdownTimeout = TimeSpan.FromMinutes(10);
        }));

        Assert.Equal(TimeSpan.FromSeconds(215) + ShutdownPlan.HostMargin, EffectiveTimeout(pm =>
        {
            pm.Options.Configuration = ConfigurationFactory.ParseString(LongPhases);
            pm.Options.ShutdownTimeout = TimeSpan.FromSeconds(20);
        }));
    }

    [Fact]
    public void The_applications_own_HostOptions_count_when_longer_but_cannot_cut_the_phases_short()
    {
        Assert.Equal(TimeSpan.FromMinutes(7), EffectiveTimeout(
            pm => pm.Options.Configuration = ConfigurationFactory.ParseString(LongPhases),
            host => host.ShutdownTimeout = TimeSpan.FromMinutes(7)));

        Assert.Equal(TimeSpan.FromSeconds(215) + ShutdownPlan.HostMargin, EffectiveTimeout(
            pm => pm.Options.Configuration = ConfigurationFactory.ParseString(LongPhases),
            host => host.ShutdownTimeout = TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void A_broken_configuration_falls_back_to_the_default_phases_and_is_left_for_the_start_to_report()
    {
        var home = Directory.CreateTempSubdirectory("pbm-shutdown-tests-").FullName;
        try
        {
            var file = Path.Combine(home, "daemon.conf");
            File.WriteAllText(file, "akka.coordinated-shutdown.phases.service-stop.timeout = -5s\n");
            ProcessManagerOptions? options = null;

            var timeout = EffectiveTimeout(pm =>
            {
                pm.Options.PbmHome = home;
                pm.Options.ConfigFile = file;
                options = pm.Options;
            });

            Assert.True(timeout >= TimeSpan.FromSeconds(30), $"{timeout} covers at least the default phases");
            Assert.Null(options!.Configuration);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public void The_service_stop_phase_outlasts_the_longest_stop_timeout_of_the_defaults_and_the_declared_apps()
    {
        var config = ConfigurationFactory.ParseString("""
            akka.coordinated-shutdown.phases.service-stop.timeout = 30s
            akka.coordinated-shutdown.phases.actor-system-terminate.timeout = 10s
            """);

        var fits = ShutdownPlan.From(config, [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)]);
        Assert.Equal(TimeSpan.FromSeconds(30), fits.ServiceStopTimeout);
        Assert.Equal(TimeSpan.FromSeconds(25), fits.MaxStopTimeout);

        var raised = ShutdownPlan.From(config, [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(2)]);
        Assert.Equal(TimeSpan.FromMinutes(2) + ShutdownPlan.StopMargin, raised.ServiceStopTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), raised.MaxStopTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2) + ShutdownPlan.StopMargin + TimeSpan.FromSeconds(10) + ShutdownPlan.HostMargin, raised.HostTimeout);
    }

    [Fact]
    public void A_phase_timeout_that_is_not_positive_names_its_key_and_line()
    {
        var config = ConfigurationFactory.ParseString("\nakka.coordinated-shutdown.phases.service-unbind.timeout = 0s\n", new HoconParseOptions { OriginDescription = "pbm.conf" });

        var error = Assert.Throws<ConfigurationException>(() => ShutdownPlan.From(config, []));

        Assert.Contains("service-unbind", error.Message, StringComparison.Ordinal);
        Assert.Contains("pbm.conf:2", error.Message, StringComparison.Ordinal);
    }

    private static TimeSpan EffectiveTimeout(Action<ProcessManagerBuilder> configure, Action<HostOptions>? hostOptions = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddProcessManager(configure);
        if (hostOptions is not null)
        {
            // Registered after AddProcessManager, as an application would.
            builder.Services.Configure(hostOptions);
        }

        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
    }
}
