using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ProcessManager.Hocon.Tests.Differential;

/// <summary>
/// Our parser against Lightbend's reference implementation on the same documents: both accept with equal values,
/// or both reject. Seeded, so a failure is reproducible; set PBM_HOCON_DIFF_SEED to explore other seeds.
/// </summary>
public sealed partial class DifferentialTests : IDisposable
{
    private const int ValidDocuments = 300;
    private const int MutatedDocuments = 200;
    private readonly string _directory = Directory.CreateTempSubdirectory("pbm-hocon-diff-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Random_documents_resolve_like_the_reference_implementation()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PBM_HOCON_DIFF_SEED"), out var s) ? s : 20261122;
        var generator = new RandomHoconGenerator(seed);
        var documents = new List<string>();
        for (var i = 0; i < ValidDocuments; i++)
        {
            documents.Add(generator.Document());
        }

        for (var i = 0; i < MutatedDocuments; i++)
        {
            documents.Add(generator.MutatedDocument());
        }

        documents.AddRange(HandWrittenCases);
        CompareWithOracle(documents, $"seed {seed}");
    }

    [Fact]
    public void Conformance_vectors_and_project_files_resolve_like_the_reference_implementation()
    {
        var files = Directory.GetFiles(SharedData.ConformanceDirectory, "*.conf", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}letters{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var ours = files.Select(Ours).ToList();
        var theirs = ReferenceOracle.Run(files, TestContext.Current.CancellationToken);
        var report = Compare(files.Select(File.ReadAllText).ToList(), ours, theirs);
        Assert.True(report is null, report);
    }

    private static readonly string[] HandWrittenCases =
    [
        "a = 1\na = ${a}",
        "a = [1]\na = ${a} [2]\na += 3",
        "a = ${?a}foo",
        "a = ${b}\nb = ${a}",
        "a { x = 1 }\na = ${a} { y = 2 }",
        "a = { x : 1 }\nb = ${a} { y : 2 }",
        "a = 1\na = ${?nope}",
        "a = [${?nope}, 1]",
        "c = ${?x} ${?y}",
        "a = \"\"\"x\"\"\"\"\"",
        "a = 1.5.3",
        "a.\"b.c\".d = 1",
        "1.5 = x",
        "a = foo bar baz",
        "a = [1, 2,]",
        "a = [1,,2]",
        "{ a = 1 } x",
        "a = { b = 1 } { c = 2 }",
        "a = [1] [2]",
        "a = ${x}\nx = { y = 1 }\nx.z = 2",
        "foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }",
        "bar : { foo : 42, baz : ${bar.foo} }",
        "a = \"\\q\"",
        "a = +1",
        "a = 1 2 3",
        "include = 1",
        "a : b : c",
        "a = \"x\"y\"z\"",
        "a = ${ b }\nb = 1",
        "a = null { x = 1 }",
        "a { b = 1 } [1]",
        "a=1,,b=2",
        "a\n{b=1}",
        "a\n=\n\n1",
        "a = \u00a0x\u00a0",
        "a = x\u2028y",
        "\ufeffa = 1",
        "a = 0x10",
        "a = 01",
        "a = -",
    ];

    private void CompareWithOracle(List<string> documents, string label)
    {
        var files = new List<string>(documents.Count);
        for (var i = 0; i < documents.Count; i++)
        {
            var file = Path.Combine(_directory, $"doc{i:D4}.conf");
            File.WriteAllText(file, documents[i], new UTF8Encoding(false));
            files.Add(file);
        }

        var ours = files.Select(Ours).ToList();
        var theirs = ReferenceOracle.Run(files, TestContext.Current.CancellationToken);
        var report = Compare(documents, ours, theirs);
        Assert.True(report is null, $"{label}: {report}");
    }

    private static string Ours(string file)
    {
        try
        {
            var config = ConfigurationFactory.ParseFile(file, new HoconParseOptions { ResolveOptions = HoconResolveOptions.NoEnvironment });
            return "OK " + config.ToJson(indented: false);
        }
        catch (ConfigurationException e)
        {
            return "ERR " + e.Message;
        }
    }

    private static string? Compare(List<string> documents, List<string> ours, IReadOnlyList<string> theirs)
    {
        var failures = new StringBuilder();
        var count = 0;
        for (var i = 0; i < documents.Count; i++)
        {
            var problem = Mismatch(documents[i], ours[i], theirs[i]);
            if (problem is null)
            {
                continue;
            }

            if (++count <= 8)
            {
                failures.Append("\n--- document ").Append(i).Append(" ---\n").Append(documents[i])
                    .Append("\n--- ").Append(problem).Append("\n  ours:   ").Append(ours[i]).Append("\n  theirs: ").Append(theirs[i]).Append('\n');
            }
        }

        return count == 0 ? null : $"{count} of {documents.Count} documents differ from the reference implementation:{failures}";
    }

    /// <summary>
    /// typesafe-config 1.3.1 silently drops unquoted text that follows an array or object on the same line
    /// (`a = [1] foo` gives [1]); the specification makes that concatenation an error, which is what we report.
    /// It also fails with an internal BugOrBroken error on some `+=` inside objects; we do not count those.
    /// </summary>
    private static bool IsKnownReferenceBug(string document, string ours, string theirs) =>
        theirs.StartsWith("ERR BugOrBroken", StringComparison.Ordinal) || (ours.Contains("cannot concatenate", StringComparison.Ordinal)
        && theirs.StartsWith("OK ", StringComparison.Ordinal)
        && UnquotedAfterBracket().IsMatch(document));

    [GeneratedRegex(@"[\]}][^\S\n]*(?!//)[^\s,\]}#""$\[{+=:]")]
    private static partial Regex UnquotedAfterBracket();

    private static string? Mismatch(string document, string ours, string theirs)
    {
        var weAccept = ours.StartsWith("OK ", StringComparison.Ordinal);
        var theyAccept = theirs.StartsWith("OK ", StringComparison.Ordinal);
        if (weAccept != theyAccept && IsKnownReferenceBug(document, ours, theirs))
        {
            return null;
        }

        if (weAccept != theyAccept)
        {
            return weAccept ? "we accept, the reference rejects" : "we reject, the reference accepts";
        }

        if (!weAccept)
        {
            return null;
        }

        using var a = JsonDocument.Parse(ours[3..]);
        using var b = JsonDocument.Parse(theirs[3..]);
        return JsonEquivalence.Difference(a.RootElement, b.RootElement, "$") is { } d ? "values differ: " + d : null;
    }
}
