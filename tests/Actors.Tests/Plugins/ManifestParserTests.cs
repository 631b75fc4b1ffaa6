using ProcessManager.Actors.Plugins;
using ProcessManager.Actors.Plugins.Manifests;
using ProcessManager.Actors.Tests.Processes;
using Xunit;

namespace ProcessManager.Actors.Tests.Plugins;

public sealed class ManifestParserTests : IDisposable
{
    private readonly TempDirectory _home = new();

    private string Write(string text, string folder = "p")
    {
        var dir = Path.Combine(_home.Path, folder);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "plugin.conf");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_full_manifest_is_read_with_its_command_resolved_inside_its_folder()
    {
        var path = Write("""
            name = thermal
            version = "2.1"
            protocol = 1
            command = ["./bin/worker", "--fast"]
            pool { min = 2, max = 5, queue = 50 }
            max-jobs-per-worker = 10
            job-timeout = 2s
            memory-limit = 64MiB
            env { MODE = fast }
            subscribe {
              usb = [{ vendor = "0403", product = "6001", action = add }]
              processes = ["web"]
              schedule = 5m
            }
            """);

        var manifest = ManifestParser.ParseFile(path, PluginHostSettings.Default);

        Assert.Equal("thermal", manifest.Name);
        Assert.Equal([Path.Combine(_home.Path, "p", "bin", "worker"), "--fast"], manifest.Command);
        Assert.Equal(new PoolSpec(2, 5, 50), manifest.Pool);
        Assert.Equal(10, manifest.MaxJobsPerWorker);
        Assert.Equal(TimeSpan.FromSeconds(2), manifest.JobTimeout);
        Assert.Equal(64L * 1024 * 1024, manifest.MemoryLimit);
        Assert.Equal("fast", manifest.Environment["MODE"]);
        Assert.Equal(new UsbRule("0403", "6001", null, "add"), Assert.Single(manifest.Subscriptions.Usb));
        Assert.Equal(["web"], manifest.Subscriptions.Processes);
        Assert.Equal(TimeSpan.FromMinutes(5), manifest.Subscriptions.Schedule);
        Assert.Equal(64, manifest.Checksum.Length);
    }

    [Fact]
    public void Every_error_is_reported_with_file_line_and_field_and_nothing_is_returned()
    {
        var path = Write("""
            name = "Bad Name"
            command = ["./w"]
            pool { min = 3, max = 2, size = 1 }
            job-timeout = soon
            colour = blue
            """);

        var error = Assert.Throws<ManifestException>(() => ManifestParser.ParseFile(path, PluginHostSettings.Default));

        Assert.Contains(error.Errors, e => e.StartsWith($"{path}:1: name:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith($"{path}:3: pool.size: unknown field", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Contains(": pool.max: must be at least 1 and at least pool.min (3)", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith($"{path}:4: job-timeout:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith($"{path}:5: colour: unknown field", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""command = ["../other/worker"]""", "leaves the plugin folder")]
    [InlineData("""command = ["/usr/bin/python3"]""", "absolute path outside the plugin folder")]
    [InlineData("""command = []""", "must name a program")]
    [InlineData("protocol = 2\ncommand = [\"./w\"]", "protocol 2 is not supported")]
    [InlineData("""command = "./w" """, "command:")]
    [InlineData("command = [\"./w\"]\nenv { SECRET = ${HOME} }", "HOME")]
    public void Commands_that_leave_their_folder_and_other_mistakes_are_refused(string body, string expected)
    {
        var path = Write("name = p\n" + body);

        var error = Assert.Throws<ManifestException>(() => ManifestParser.ParseFile(path, PluginHostSettings.Default));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, error.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_out_of_the_folder_is_refused_and_absolute_commands_need_the_daemons_consent()
    {
        var dir = Path.GetDirectoryName(Write("name = p\ncommand = [\"./link\"]"))!;
        File.CreateSymbolicLink(Path.Combine(dir, "link"), "/bin/sh");

        var error = Assert.Throws<ManifestException>(() => ManifestParser.ParseFile(Path.Combine(dir, "plugin.conf"), PluginHostSettings.Default));
        var absolute = Write("name = q\ncommand = [\"/bin/sh\"]", "q");
        var allowed = ManifestParser.ParseFile(absolute, PluginHostSettings.Default with { AllowAbsoluteCommands = true });

        Assert.Contains("leaves the plugin folder", error.Message, StringComparison.Ordinal);
        Assert.Equal("/bin/sh", allowed.Command[0]);
    }

    [Fact]
    public void The_cache_parses_a_manifest_once_per_checksum_and_stays_within_its_capacity()
    {
        var cache = new ManifestCache(2);
        var settings = PluginHostSettings.Default;
        var a = Write("name = a\ncommand = [\"./w\"]", "a");
        var bytes = File.ReadAllBytes(a);

        var first = cache.GetOrParse(a, bytes, settings);
        var second = cache.GetOrParse(a, bytes, settings);
        for (var i = 0; i < 5; i++)
        {
            var other = Write($"name = n{i}\ncommand = [\"./w\"]", $"n{i}");
            cache.GetOrParse(other, File.ReadAllBytes(other), settings);
        }

        Assert.Same(first, second);
        Assert.Equal(1, cache.Hits);
        Assert.Equal(2, cache.Count);
    }

    public void Dispose() => _home.Dispose();
}
