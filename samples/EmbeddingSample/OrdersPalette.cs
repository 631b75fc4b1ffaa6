using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ProcessManager.Host.Palettes;

namespace ProcessManager.Samples.Embedding;

/// <summary>The application's own pbm palette: <c>pbm orders status</c>, <c>pbm orders enqueue --count N</c>, answered by its <see cref="OrderBook"/> actor.</summary>
internal static class OrdersPalette
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public static PaletteDefinition Create() => new(
        "orders",
        "Inspect and feed the sample's order book (an actor of the application)",
        [
            new PaletteCommand("status", "Show how many orders are pending", [], async context =>
            {
                var book = await OrderBookOf(context);
                var pending = await book.Ask<PendingOrders>(GetPendingOrders.Instance, AskTimeout);
                context.Output.Write(string.Create(CultureInfo.InvariantCulture, $"pending orders: {pending.Count}"));
                return 0;
            }),
            new PaletteCommand(
                "enqueue",
                "Add orders to the book",
                [new PaletteArgument("count", "how many orders to add", Required: true)],
                async context =>
                {
                    if (!int.TryParse(context.Arguments["count"], CultureInfo.InvariantCulture, out var count) || count < 1)
                    {
                        context.Output.Write("--count must be a positive whole number");
                        return 2;
                    }

                    var book = await OrderBookOf(context);
                    var pending = await book.Ask<PendingOrders>(new EnqueueOrders(count), AskTimeout);
                    context.Output.Write(string.Create(CultureInfo.InvariantCulture, $"enqueued {count}; pending orders: {pending.Count}"));
                    return 0;
                }),
        ]);

    private static Task<IActorRef> OrderBookOf(PaletteCommandContext context) =>
        context.Services.GetRequiredService<IRequiredActor<OrderBookKey>>().GetAsync(context.CancellationToken);
}
