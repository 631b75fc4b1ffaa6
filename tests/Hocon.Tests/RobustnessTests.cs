using System.Text;
using ProcessManager.Hocon.Tests.Differential;

namespace ProcessManager.Hocon.Tests;

/// <summary>
/// Random byte and token mutations of the conformance vectors and generated documents never crash, hang or
/// overflow the stack: every input either parses or raises a <see cref="ConfigurationException"/>.
/// Runs on a thread with a 1 MiB stack so that depth limits, not a large stack, are what keeps it safe.
/// </summary>
public sealed class RobustnessTests
{
    private static readonly HoconParseOptions Options = new() { ResolveOptions = HoconResolveOptions.NoEnvironment };
    private static readonly string[] Tokens = ["{", "}", "[", "]", ",", ":", "=", "+=", "${", "${?", "}", "\"", "\"\"\"", "#", "//", "\n", " ", ".", "include ", "\\", "\u00a0", "\ufeff", "null", "-", "1e", "${a}", "${?a.b}"];

    private static List<string> Seeds()
    {
        var root = Path.Combine(SharedData.ConformanceDirectory, "lightbend-config", "config", "src", "test", "resources");
        var seeds = Directory.GetFiles(root, "*.*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".txt", StringComparison.Ordinal)).Select(File.ReadAllText).ToList();
        var generator = new RandomHoconGenerator(7);
        for (var i = 0; i < 30; i++)
        {
            seeds.Add(generator.Document());
        }

        return seeds;
    }

    [Fact]
    public void Mutated_inputs_parse_or_fail_with_a_configuration_error()
    {
        var seeds = Seeds();
        var random = new Random(12345);
        var failures = new List<string>();
        RunWithSmallStack(() =>
        {
            for (var i = 0; i < 3000; i++)
            {
                var text = Mutate(seeds[random.Next(seeds.Count)], random);
                try
                {
                    var config = ConfigurationFactory.ParseString(text, Options);
                    _ = config.ToJson();
                    _ = config.ToHocon();
                }
                catch (ConfigurationException)
                {
                }
                catch (Exception e) when (failures.Count < 5)
                {
                    failures.Add($"{e.GetType().Name}: {e.Message}\n--- input ---\n{text}");
                }
            }
        });

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    public static TheoryData<string, string> DeepInputs() => new()
    {
        { "arrays", "a = " + new string('[', 100_000) },
        { "objects", "a = " + string.Concat(Enumerable.Repeat("{a:", 100_000)) },
        { "braceless objects", string.Concat(Enumerable.Repeat("a {", 100_000)) },
        { "path key", "a" + string.Concat(Enumerable.Repeat(".a", 100_000)) + " = 1" },
        { "substitution chain", string.Join('\n', Enumerable.Range(0, 20_000).Select(i => $"k{i} = ${{k{i + 1}}}")) + "\nk20000 = end" },
        { "self-reference chain", string.Concat(Enumerable.Repeat("a = ${a} x\n", 20_000)) },
        { "closed arrays", "a = " + new string('[', 5_000) + new string(']', 5_000) },
    };

    [Theory]
    [MemberData(nameof(DeepInputs))]
    public void Deep_nesting_is_an_error_not_a_stack_overflow(string name, string text)
    {
        ConfigurationException? error = null;
        RunWithSmallStack(() => error = Record.Exception(() => ConfigurationFactory.ParseString(text, Options)) as ConfigurationException);

        Assert.True(error is not null, $"{name}: expected a configuration error");
        Assert.Contains("deeper than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Substitutions_cannot_nest()
    {
        var text = "a = " + string.Concat(Enumerable.Repeat("${", 100_000));

        var e = Assert.Throws<HoconParseException>(() => ConfigurationFactory.ParseString(text, Options));

        Assert.Contains("cannot be nested", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_within_the_limit_is_fine()
    {
        var text = "a = " + new string('[', 150) + "1" + new string(']', 150);

        var config = ConfigurationFactory.ParseString(text, Options);

        Assert.Equal(HoconValueType.Array, config.GetValue("a")!.Type);
    }

    [Fact]
    public void Include_cycle_is_reported()
    {
        var dir = Directory.CreateTempSubdirectory("pbm-hocon-cycle-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "a.conf"), "include \"b.conf\"\nx = 1");
            File.WriteAllText(Path.Combine(dir, "b.conf"), "include \"a.conf\"\ny = 2");

            var e = Assert.ThrowsAny<ConfigurationException>(() => ConfigurationFactory.ParseFile(Path.Combine(dir, "a.conf"), Options));

            Assert.Contains("include cycle", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Mutate(string text, Random random)
    {
        var sb = new StringBuilder(text);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits; e++)
        {
            var at = sb.Length == 0 ? 0 : random.Next(sb.Length);
            switch (random.Next(5))
            {
                case 0 when sb.Length > 0:
                    sb.Remove(at, Math.Min(random.Next(1, 4), sb.Length - at));
                    break;
                case 1:
                    sb.Insert(at, (char)random.Next(0, 0x3000));
                    break;
                case 2 when sb.Length > 0:
                    sb[at] = (char)(sb[at] ^ (1 << random.Next(8)));
                    break;
                case 3:
                    sb.Insert(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                default:
                    if (sb.Length > 0)
                    {
                        var length = Math.Min(random.Next(1, 40), sb.Length - at);
                        sb.Insert(random.Next(sb.Length), sb.ToString(at, length));
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    private static void RunWithSmallStack(Action action)
    {
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    action();
                }
                catch (Exception e)
                {
                    failure = e;
                }
            },
            maxStackSize: 1024 * 1024);
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(60 * TimeFactor)), "parsing did not finish in time (hang?)");
        if (failure is not null)
        {
            throw new Xunit.Sdk.XunitException($"unexpected {failure.GetType().Name}: {failure}");
        }
    }

    private static double TimeFactor =>
        double.TryParse(Environment.GetEnvironmentVariable("PBM_TEST_TIME_FACTOR"), System.Globalization.CultureInfo.InvariantCulture, out var f) && f > 0 ? f : 1;
}
