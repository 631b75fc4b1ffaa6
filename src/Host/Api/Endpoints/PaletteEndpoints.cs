using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Host.Palettes;

namespace ProcessManager.Host.Api.Endpoints;

/// <summary><c>/v1/palettes</c>: the embedding application's own pbm palettes.</summary>
internal static class PaletteEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, ApiContext api)
    {
        var json = ApiHttp.Json;
        routes.MapGet("/v1/palettes", context =>
            ApiHttp.WriteAsync(context, api.Palettes.Describe(), json.IReadOnlyListPaletteInfo));

        routes.MapPost("/v1/palettes/{palette}/{command}", async context =>
        {
            var paletteName = ApiHttp.Name(context, "palette", "palette");
            var commandName = ApiHttp.Name(context, "command", "command");
            var command = api.Palettes.Find(paletteName, commandName) ?? throw new ApiException(
                StatusCodes.Status404NotFound,
                api.Palettes.Contains(paletteName) ? $"palette '{paletteName}' has no command '{commandName}'" : $"unknown palette '{paletteName}'",
                "see 'help' in pbm for the palettes this daemon offers");
            var invocation = await ApiHttp.ReadAsync(context, json.PaletteInvocation).ConfigureAwait(false);
            var arguments = invocation.Arguments ?? new Dictionary<string, string>();
            foreach (var argument in command.Arguments)
            {
                if (argument.Required && !arguments.ContainsKey(argument.Name))
                {
                    throw new ApiException(StatusCodes.Status400BadRequest, $"missing argument --{argument.Name}", argument.Description);
                }
            }

            var unknown = arguments.Keys.FirstOrDefault(k => command.Arguments.All(a => a.Name != k));
            if (unknown is not null)
            {
                throw new ApiException(StatusCodes.Status400BadRequest, $"unknown argument --{unknown}", $"'{paletteName} {commandName}' takes: {string.Join(", ", command.Arguments.Select(a => "--" + a.Name))}");
            }

            var commandContext = new PaletteCommandContext(arguments, invocation.Positional ?? [], api.HostServices, context.RequestAborted);
            var exitCode = await command.Handler(commandContext).ConfigureAwait(false);
            await ApiHttp.WriteAsync(context, new PaletteResult(commandContext.Output.ToString(), exitCode), json.PaletteResult).ConfigureAwait(false);
        });
    }
}
