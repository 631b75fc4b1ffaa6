using ProcessManager.Actors.Processes.Configuration;
using ProcessManager.Actors.Usb.Rules;
using ProcessManager.Hocon;
using Xunit;

namespace ProcessManager.Actors.Tests.Usb;

public sealed class UsbRuleParserTests
{
    private static (IReadOnlyList<ProcessManager.Actors.Processes.Protocol.ProcessSpec> Apps, IReadOnlyList<UsbRule> Rules) Parse(string text) =>
        UsbRuleParser.Parse(ConfigurationFactory.ParseString(text, new HoconParseOptions { OriginDescription = "apps.conf" }));

    [Fact]
    public void An_app_with_a_usb_block_becomes_a_rule_and_is_not_declared_itself()
    {
        var (apps, rules) = Parse("""
            web { command = [sleep, "300"] }
            logger {
              command = [/usr/bin/serial-logger]
              env { BAUD = "115200" }
              usb {
                match { vendor = "0403", product = "6001", serial = "A50285BI" }
                on-attach = start
                on-detach = stop
              }
            }
            """);

        Assert.Equal(["web"], apps.Select(a => a.Name));
        var rule = Assert.Single(rules);
        Assert.Equal(("logger", "0403", "6001", "A50285BI"), (rule.App, rule.Match.Vendor, rule.Match.Product, rule.Match.Serial));
        Assert.Equal((UsbAttachAction.Start, UsbDetachAction.Stop), (rule.OnAttach, rule.OnDetach));
        var template = Assert.IsType<AppRuleTarget>(rule.Target).Template;
        Assert.Equal(["/usr/bin/serial-logger"], template.Argv);
        Assert.Equal("115200", template.Environment["BAUD"]);
        Assert.Equal("apps.conf:5", rule.Origin);
    }

    [Fact]
    public void Bad_rules_are_refused_with_file_and_line_all_at_once()
    {
        var error = Assert.Throws<ProcessSpecException>(() => Parse("""
            a {
              command = [x]
              usb {
                match { vendor = "403", colour = red }
                on-attach = launch
              }
            }
            b {
              command = [y]
              usb { on-detach = stop }
            }
            c {
              command = [z]
              usb { match { port = "1-2" }, plugin = thermal }
            }
            d {
              command = [z]
              usb { match {} }
            }
            """));

        var messages = error.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains(messages, m => m.StartsWith("apps.conf:4: a.usb.match.vendor: '403' is not 4 hex digits", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("apps.conf:4: a.usb.match.colour: unknown key", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("apps.conf:5: a.usb.on-attach: must be one of start, ignore", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("apps.conf:10: b.usb.match: missing", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("apps.conf:14: c.usb.plugin: routing device events to a plugin needs the plugin host", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("apps.conf:18: d.usb.match: matches every device", StringComparison.Ordinal));
    }

    [Fact]
    public void Errors_of_the_app_itself_are_reported_with_those_of_its_usb_block()
    {
        var error = Assert.Throws<ProcessSpecException>(() => Parse("""
            a {
              restart = sometimes
              usb { match { vendor = "0403" }, on-detach = explode }
            }
            """));

        Assert.Contains(error.Errors, e => e.Field == "a.command");
        Assert.Contains(error.Errors, e => e.Field == "a.usb.on-detach" && e.Origin == "apps.conf:3");
    }

    [Fact]
    public void A_config_without_usb_blocks_reads_as_before()
    {
        var (apps, rules) = Parse("web { command = [sleep, \"1\"], instances = 2 }");

        Assert.Equal(2, Assert.Single(apps).Instances);
        Assert.Empty(rules);
    }

    [Fact]
    public void The_example_usb_file_parses()
    {
        var config = ConfigurationFactory.ParseFile(Path.Combine(AppContext.BaseDirectory, "hocon-examples", "usb.conf"));

        var (apps, rules) = UsbRuleParser.Parse(config.GetConfig("processes"));

        Assert.Empty(apps);
        Assert.Equal(["backup-on-plug", "serial-logger"], rules.Select(r => r.App));
        Assert.Equal("4C530001230613115285", rules[0].Match.Serial);
    }
}
