namespace ProcessManager.Hocon.Tests;

/// <summary>Behaviour from the HOCON specification, independent of the reference implementation.</summary>
public sealed class SpecTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pbm-hocon-spec-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Config Parse(string text, IReadOnlyDictionary<string, string>? environment = null) =>
        ConfigurationFactory.ParseString(text, new HoconParseOptions
        {
            OriginDescription = "spec.conf",
            ResolveOptions = environment is null ? HoconResolveOptions.NoEnvironment : new HoconResolveOptions { Environment = environment },
        });

    [Fact]
    public void Self_referential_substitutions_see_the_earlier_value()
    {
        var config = Parse("""
            path = [a]
            path = ${path} [b]
            path += c
            s = ${?s}foo
            t = 1
            t = ${t}2
            o { x = 1 }
            o = ${o} { y = 2 }
            """);

        Assert.Equal(["a", "b", "c"], config.GetStringList("path"));
        Assert.Equal("foo", config.GetString("s"));
        Assert.Equal("12", config.GetString("t"));
        Assert.Equal(1, config.GetInt("o.x"));
        Assert.Equal(2, config.GetInt("o.y"));
    }

    [Fact]
    public void Substitutions_resolve_forward_and_against_the_merged_tree()
    {
        var config = Parse("""
            a = ${b.c} and ${b.d}
            b { c = 1 }
            b { d = two }
            """);

        Assert.Equal("1 and two", config.GetString("a"));
    }

    [Fact]
    public void Null_breaks_an_object_merge_and_later_objects_start_afresh()
    {
        var config = Parse("a { x = 1 }\na = null\na { y = 2 }");

        Assert.False(config.HasPath("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
    }

    [Fact]
    public void Environment_fallback_is_for_single_key_paths_and_can_be_turned_off()
    {
        var environment = new Dictionary<string, string> { ["HOME"] = "/home/u", ["a.b"] = "never" };

        var config = Parse("h = ${HOME}/x\nab = ${?a.b}\nover = ${HOME}\nHOME = mine", environment);

        Assert.Equal("mine/x", config.GetString("h"));
        Assert.False(config.HasPath("ab"));
        Assert.Equal("/home/u/x", Parse("h = ${HOME}/x", environment).GetString("h"));
        Assert.Throws<HoconResolveException>(() => Parse("h = ${HOME}/x"));
    }

    [Fact]
    public void Triple_quoted_strings_keep_everything_and_extra_closing_quotes()
    {
        var config = Parse("a = \"\"\"x\\n \"y\"\n z\"\"\"\"\"");

        Assert.Equal("x\\n \"y\"\n z\"\"", config.GetString("a"));
    }

    [Fact]
    public void Whitespace_is_the_spec_list_not_char_IsWhiteSpace()
    {
        // U+00A0 (no-break space, Zs) separates; U+0085 (next line) is whitespace to .NET but not to HOCON.
        var config = Parse("a =\u00a0foo\u00a0bar\nb = x\u0085y");

        Assert.Equal("foo\u00a0bar", config.GetString("a"));
        Assert.Equal("x\u0085y", config.GetString("b"));
    }

    [Fact]
    public void Numbers_split_at_dots_in_keys_and_quoted_keys_do_not()
    {
        var config = Parse("10.5 = a\n\"1.5\" = b");

        Assert.Equal("a", config.GetString("\"10\".\"5\""));
        Assert.Equal("b", config.GetString("\"1.5\""));
    }

    [Fact]
    public void Includes_are_relative_to_the_including_file_and_merge_extensions_in_order()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "sub", "nested"));
        File.WriteAllText(Path.Combine(_dir, "main.conf"), "app { include \"sub/part\" }\nafter = ${app.k}");
        File.WriteAllText(Path.Combine(_dir, "sub", "part.properties"), "k=from-properties\nonly.props=true\n");
        File.WriteAllText(Path.Combine(_dir, "sub", "part.json"), "{ \"k\": \"from-json\", \"json\": 1 }");
        File.WriteAllText(Path.Combine(_dir, "sub", "part.conf"), "k = from-conf\ninclude \"nested/n.conf\"\nrel = ${k}");
        File.WriteAllText(Path.Combine(_dir, "sub", "nested", "n.conf"), "n = 1");

        var config = ConfigurationFactory.ParseFile(Path.Combine(_dir, "main.conf"), new HoconParseOptions { ResolveOptions = HoconResolveOptions.NoEnvironment });

        Assert.Equal("from-conf", config.GetString("app.k"));
        Assert.Equal("true", config.GetString("app.only.props"));
        Assert.Equal(HoconValueType.String, config.GetValue("app.only.props")!.Type);
        Assert.Equal(1, config.GetInt("app.json"));
        Assert.Equal(1, config.GetInt("app.n"));
        Assert.Equal("from-conf", config.GetString("app.rel"));
        Assert.Equal("from-conf", config.GetString("after"));
        var origin = config.GetValue("app.n")!.Origin;
        Assert.Equal((Path.Combine(_dir, "sub", "nested", "n.conf"), 1), (origin.Description, origin.Line));
    }

    [Fact]
    public void Missing_optional_includes_are_ignored_and_file_syntax_works()
    {
        File.WriteAllText(Path.Combine(_dir, "x.conf"), "x = 1");
        File.WriteAllText(Path.Combine(_dir, "main.conf"), "include \"nope\"\ninclude file(\"x.conf\")\ninclude required( file( \"x.conf\" ) )");

        var config = ConfigurationFactory.ParseFile(Path.Combine(_dir, "main.conf"));

        Assert.Equal(1, config.GetInt("x"));
    }

    [Fact]
    public void Concatenation_joins_strings_arrays_and_objects()
    {
        var config = Parse("""
            s = null bar 42 "baz" true 3.14 hi
            a = [1] [2, 3]
            o = { x = 1 } { y = 2 }
            n = 1.50 apples
            """);

        Assert.Equal("null bar 42 baz true 3.14 hi", config.GetString("s"));
        Assert.Equal([1, 2, 3], config.GetIntList("a"));
        Assert.Equal(2, config.GetConfig("o").Root.Count);
        Assert.Equal("1.50 apples", config.GetString("n"));
    }

    [Fact]
    public void Rendering_to_json_and_hocon_round_trips()
    {
        var config = Parse("""
            a { "b.c" = [1, "two", null, true, 2.5], d = "line\nbreak" }
            "" = empty
            """);

        var fromJson = ConfigurationFactory.ParseString(config.ToJson());
        var fromHocon = ConfigurationFactory.ParseString(config.ToHocon());

        foreach (var again in new[] { fromJson, fromHocon })
        {
            Assert.Equal(["1", "two"], again.GetValueList("a.\"b.c\"").Take(2).Select(v => v.ToString().Trim('"')));
            Assert.Equal("line\nbreak", again.GetString("a.d"));
            Assert.Equal("empty", again.GetString("\"\""));
        }
    }
}
