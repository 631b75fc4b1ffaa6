using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ProcessManager.Host.Palettes;

namespace ProcessManager.Samples.Embedding;

/// <summary>The application's own pbm palette: <c>pbm orders status</c>, <c>pbm orders enqueue --count N</c>.</summary>
internal static class OrdersPalette
{
    public static PaletteDefinition Create() => new(
        "orders",
        "Inspect and feed the sample's order queue",
        [
            new PaletteCommand("status", "Show how many orders are pending", [], context =>
            {
                var queue = context.Services.GetRequiredService<OrderQueue>();
                context.Output.Write(string.Create(CultureInfo.InvariantCulture, $"pending orders: {queue.Pending}"));
                return Task.FromResult(0);
            }),
            new PaletteCommand(
                "enqueue",
                "Add orders to the queue",
                [new PaletteArgument("count", "how many orders to add", Required: true)],
                context =>
                {
                    if (!int.TryParse(context.Arguments["count"], CultureInfo.InvariantCulture, out var count) || count < 1)
                    {
                        context.Output.Write("--count must be a positive whole number");
                        return Task.FromResult(2);
                    }

                    var pending = context.Services.GetRequiredService<OrderQueue>().Enqueue(count);
                    context.Output.Write(string.Create(CultureInfo.InvariantCulture, $"enqueued {count}; pending orders: {pending}"));
                    return Task.FromResult(0);
                }),
        ]);
}
