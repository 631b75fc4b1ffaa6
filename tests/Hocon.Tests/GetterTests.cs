namespace ProcessManager.Hocon.Tests;

public sealed class GetterTests
{
    private static Config Parse(string text) =>
        ConfigurationFactory.ParseString(text, new HoconParseOptions { OriginDescription = "test.conf", ResolveOptions = HoconResolveOptions.NoEnvironment });

    [Fact]
    public void Scalars_read_with_their_types()
    {
        var config = Parse("""
            a { s = hello, i = 42, l = 9000000000, d = 2.5, b = on, q = "42" }
            """);

        Assert.Equal("hello", config.GetString("a.s"));
        Assert.Equal(42, config.GetInt("a.i"));
        Assert.Equal(9_000_000_000L, config.GetLong("a.l"));
        Assert.Equal(2.5, config.GetDouble("a.d"));
        Assert.True(config.GetBoolean("a.b"));
        Assert.Equal(42, config.GetInt("a.q"));
        Assert.Equal("42", config.GetString("a.i"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    public void Booleans_accept_yes_no_on_off(string text, bool expected) =>
        Assert.Equal(expected, Parse($"b = {text}").GetBoolean("b"));

    [Theory]
    [InlineData("250", 250 * TimeSpan.TicksPerMillisecond)]
    [InlineData("250ms", 250 * TimeSpan.TicksPerMillisecond)]
    [InlineData("1500 us", 1500 * 10L)]
    [InlineData("100ns", 1L)]
    [InlineData("10s", 10 * TimeSpan.TicksPerSecond)]
    [InlineData("10 seconds", 10 * TimeSpan.TicksPerSecond)]
    [InlineData("1.5h", 90 * TimeSpan.TicksPerMinute)]
    [InlineData("5 minutes", 5 * TimeSpan.TicksPerMinute)]
    [InlineData("2d", 2 * TimeSpan.TicksPerDay)]
    [InlineData("1 day", TimeSpan.TicksPerDay)]
    [InlineData("3m", 3 * TimeSpan.TicksPerMinute)]
    public void Durations_parse_every_unit(string text, long ticks) =>
        Assert.Equal(TimeSpan.FromTicks(ticks), Parse($"t = {text}").GetTimeSpan("t"));

    [Theory]
    [InlineData("512", 512L)]
    [InlineData("512B", 512L)]
    [InlineData("10k", 10 * 1024L)]
    [InlineData("10K", 10 * 1024L)]
    [InlineData("10KiB", 10 * 1024L)]
    [InlineData("10kB", 10_000L)]
    [InlineData("10 kilobytes", 10_000L)]
    [InlineData("2M", 2 * 1024L * 1024)]
    [InlineData("2MB", 2_000_000L)]
    [InlineData("2 mebibytes", 2 * 1024L * 1024)]
    [InlineData("1G", 1024L * 1024 * 1024)]
    [InlineData("1GB", 1_000_000_000L)]
    [InlineData("1.5k", 1536L)]
    public void Byte_sizes_use_powers_of_two_and_ten(string text, long bytes) =>
        Assert.Equal(bytes, Parse($"s = {text}").GetByteSize("s"));

    [Fact]
    public void Defaults_apply_only_when_missing()
    {
        var config = Parse("a = 1");

        Assert.Equal(7, config.GetInt("b", 7));
        Assert.Equal(1, config.GetInt("a", 7));
        Assert.Equal("x", config.GetString("nope.deeper", "x"));
        Assert.Null(config.GetByteSize("size"));
        Assert.Equal(TimeSpan.FromSeconds(3), config.GetTimeSpan("t", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Missing_key_error_names_the_path()
    {
        var e = Assert.Throws<ConfigMissingException>(() => Parse("a = 1").GetString("a.b.c"));
        Assert.Contains("a.b.c", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_type_error_names_path_file_and_line()
    {
        var config = Parse("""
            x = 1

            a {
              port = eighty
            }
            """);

        var e = Assert.Throws<ConfigWrongTypeException>(() => config.GetInt("a.port"));
        Assert.Contains("'a.port'", e.Message, StringComparison.Ordinal);
        Assert.Contains("test.conf:4", e.Message, StringComparison.Ordinal);
        Assert.Equal(4, e.Origin!.Line);
    }

    [Fact]
    public void Lists_of_strings_ints_and_objects()
    {
        var config = Parse("""
            cmd = [dotnet, run, "--project", x]
            ports = [80, 443]
            items = [{ name = a }, { name = b }]
            """);

        Assert.Equal(["dotnet", "run", "--project", "x"], config.GetStringList("cmd"));
        Assert.Equal([80, 443], config.GetIntList("ports"));
        Assert.Equal(["a", "b"], config.GetConfigList("items").Select(c => c.GetString("name")));
    }

    [Fact]
    public void Object_with_numeric_keys_reads_as_a_list()
    {
        var config = Parse("""
            a { "1" = second, "0" = first, "10" = third }
            """);

        Assert.Equal(["first", "second", "third"], config.GetStringList("a"));
    }

    [Fact]
    public void Element_of_wrong_type_names_the_index()
    {
        var e = Assert.Throws<ConfigWrongTypeException>(() => Parse("a = [1, x, 3]").GetIntList("a"));
        Assert.Contains("a[1]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetConfig_and_keys_enumerate_an_object()
    {
        var config = Parse("""
            processes {
              web { command = [node, server.js] }
              worker { command = [python, w.py] }
            }
            """);

        var processes = config.GetConfig("processes");
        Assert.Equal(["web", "worker"], processes.AsEnumerable().Select(kv => kv.Key));
        Assert.Equal(["web", "worker"], config.GetObjectKeys("processes"));
        Assert.Equal(["node", "server.js"], processes.GetConfig("web").GetStringList("command"));
        Assert.True(config.GetConfig("missing").IsEmpty);
    }

    [Fact]
    public void HasPath_is_false_for_null_and_missing()
    {
        var config = Parse("a = null, b = 1");

        Assert.False(config.HasPath("a"));
        Assert.False(config.HasPath("c"));
        Assert.True(config.HasPath("b"));
        Assert.NotNull(config.GetValue("a"));
    }

    [Fact]
    public void WithFallback_merges_objects_and_prefers_the_receiver()
    {
        var app = Parse("a { x = 1 }, c = app");
        var reference = Parse("a { x = 0, y = 2 }, c = ref, d = 4");

        var merged = app.WithFallback(reference);

        Assert.Equal(1, merged.GetInt("a.x"));
        Assert.Equal(2, merged.GetInt("a.y"));
        Assert.Equal("app", merged.GetString("c"));
        Assert.Equal(4, merged.GetInt("d"));
    }

    [Fact]
    public void Unresolved_configs_merge_then_resolve_across_files()
    {
        var options = new HoconParseOptions { Resolve = false };
        var reference = ConfigurationFactory.ParseString("home = /var/lib/pbm, db = ${home}/db, path = [a]", options);
        var app = ConfigurationFactory.ParseString("home = /srv, path = ${path} [b]", options);

        var resolved = app.WithFallback(reference).Resolve(HoconResolveOptions.NoEnvironment);

        Assert.Equal("/srv/db", resolved.GetString("db"));
        Assert.Equal(["a", "b"], resolved.GetStringList("path"));
    }

    [Fact]
    public void Quoted_path_segments_keep_dots()
    {
        var config = Parse("""
            "a.b" { c = 1 }
            """);

        Assert.Equal(1, config.GetInt("\"a.b\".c"));
        Assert.False(config.HasPath("a.b.c"));
    }

    [Theory]
    [InlineData("a.b-c.d_e", new[] { "a", "b-c", "d_e" })]
    [InlineData("a.\"b.c\".d", new[] { "a", "b.c", "d" })]
    [InlineData("10.5", new[] { "10", "5" })]
    [InlineData("\"\"", new[] { "" })]
    public void Path_expressions_parse_like_keys(string expression, string[] keys) =>
        Assert.Equal(keys, HoconPath.Parse(expression).Keys);

    [Theory]
    [InlineData("a..b")]
    [InlineData(".a")]
    [InlineData("a.")]
    [InlineData("")]
    [InlineData("a = b")]
    public void Malformed_path_expressions_are_configuration_errors(string expression) =>
        Assert.ThrowsAny<ConfigurationException>(() => HoconPath.Parse(expression));

    [Fact]
    public void Numeric_keyed_object_concatenates_with_an_array()
    {
        var config = Parse("a { \"0\" = x, \"1\" = y }\nb = ${a} [z]");

        Assert.Equal(["x", "y", "z"], config.GetStringList("b"));
    }
}
