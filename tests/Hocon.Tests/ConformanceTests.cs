using System.Text.Json;

namespace ProcessManager.Hocon.Tests;

/// <summary>The Lightbend equivalence vectors and the large real config (rules in shared/hocon-conformance/README.md).</summary>
public sealed class ConformanceTests
{
    private static readonly HoconParseOptions NoEnvironment = new() { ResolveOptions = HoconResolveOptions.NoEnvironment };

    public static TheoryData<string> EquivalenceInputs()
    {
        var data = new TheoryData<string>();
        var root = Path.Combine(SharedData.ConformanceDirectory, "lightbend-config", "config", "src", "test", "resources");
        foreach (var dir in Directory.GetDirectories(root, "equiv*").Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                if (name != "original.json" && (name.EndsWith(".conf", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal)))
                {
                    data.Add(Path.GetRelativePath(root, file));
                }
            }
        }

        return data;
    }

    [Fact]
    public void There_are_fifteen_inputs_plus_one_json_as_hocon_check() =>
        Assert.Equal(15, EquivalenceInputs().Count);

    [Theory]
    [MemberData(nameof(EquivalenceInputs))]
    public void Equivalence_input_resolves_to_original_json(string relativePath)
    {
        var root = Path.Combine(SharedData.ConformanceDirectory, "lightbend-config", "config", "src", "test", "resources");
        var file = Path.Combine(root, relativePath);
        var expected = ReadJson(Path.Combine(Path.GetDirectoryName(file)!, "original.json"));

        AssertEquivalent(expected, ConfigurationFactory.ParseFile(file, NoEnvironment));
    }

    [Fact]
    public void Json_input_parsed_as_hocon_text_gives_the_same_value()
    {
        var dir = Path.Combine(SharedData.ConformanceDirectory, "lightbend-config", "config", "src", "test", "resources", "equiv01");
        var text = File.ReadAllText(Path.Combine(dir, "no-whitespace.json"));
        var expected = ReadJson(Path.Combine(dir, "original.json"));

        AssertEquivalent(expected, ConfigurationFactory.ParseString(text, NoEnvironment with { BaseDirectory = dir }));
    }

    [Fact]
    public void Large_akka_style_reference_conf_resolves_to_expected_json()
    {
        var dir = Path.Combine(SharedData.ConformanceDirectory, "akka-hocon");
        var expected = ReadJson(Path.Combine(dir, "expected", "reference.conf.json"));

        AssertEquivalent(expected, ConfigurationFactory.ParseFile(Path.Combine(dir, "src", "Hocon.Extensions.Configuration.Tests", "reference.conf"), NoEnvironment));
    }

    internal static JsonElement ReadJson(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();

    internal static void AssertEquivalent(JsonElement expected, Config actual)
    {
        var json = JsonDocument.Parse(actual.ToJson()).RootElement;
        var difference = JsonEquivalence.Difference(expected, json, "$");
        Assert.True(difference is null, $"differs from the expected JSON at {difference}\nactual: {actual.ToJson(indented: false)}");
    }
}
