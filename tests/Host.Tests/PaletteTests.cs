using Microsoft.Extensions.DependencyInjection;
using ProcessManager.Contracts.Client;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Host.Palettes;

namespace ProcessManager.Host.Tests;

public sealed class PaletteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Greeter
    {
        private readonly string _greeting = "hello";

        public string Greet(string name) => $"{_greeting}, {name}";
    }

    private static PaletteDefinition GreetPalette() => new(
        "greet",
        "Greetings from the embedding application",
        [
            new PaletteCommand(
                "hello",
                "Say hello",
                [new PaletteArgument("name", "who to greet", Required: true), new PaletteArgument("loud", "shout", IsFlag: true)],
                context =>
                {
                    var text = context.Services.GetRequiredService<Greeter>().Greet(context.Arguments["name"]);
                    context.Output.Write(context.Arguments.ContainsKey("loud") ? text.ToUpperInvariant() : text);
                    return Task.FromResult(0);
                }),
        ]);

    [Fact]
    public async Task An_embedding_application_palette_is_listed_and_invoked_with_host_services()
    {
        await using var daemon = await TestDaemon.StartAsync(configure: pm => pm.AddPalette(GreetPalette()), services: services => services.AddSingleton<Greeter>());

        var palettes = await daemon.Unix.ListPalettesAsync(Ct);
        var result = await daemon.Unix.InvokePaletteAsync(
            "greet", "hello", new PaletteInvocation(new Dictionary<string, string> { ["name"] = "ada", ["loud"] = "true" }, []), Ct);

        var palette = Assert.Single(palettes);
        Assert.Equal("greet", palette.Name);
        Assert.Equal("name", palette.Commands[0].Arguments[0].Name);
        Assert.Equal("HELLO, ADA", result.Output);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task A_missing_required_argument_is_400_naming_it()
    {
        await using var daemon = await TestDaemon.StartAsync(configure: pm => pm.AddPalette(GreetPalette()), services: services => services.AddSingleton<Greeter>());

        var error = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Unix.InvokePaletteAsync(
            "greet", "hello", new PaletteInvocation(new Dictionary<string, string>(), []), Ct));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("--name", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_palette_may_not_take_a_built_in_name()
    {
        var error = Assert.Throws<ArgumentException>(() => new PaletteRegistry([new PaletteDefinition("process", "mine", [])]));

        Assert.Contains("built into pbm", error.Message, StringComparison.Ordinal);
    }
}
