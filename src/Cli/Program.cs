using ProcessManager.Cli;
using ProcessManager.Cli.Infrastructure;

using var scope = new CancelKeyScope();
Console.CancelKeyPress += (_, e) =>
{
    // Ctrl-C cancels the running command (a follow stream ends cleanly); pbm itself exits through its normal path.
    e.Cancel = true;
    scope.Cancel();
};

var io = new SystemConsoleIO();
var app = new PbmApp(io, new SystemClock(), PbmApp.DefaultClient, Environment.GetEnvironmentVariable, scope);
var exitCode = await app.RunAsync(args, scope.Begin());
await io.Out.FlushAsync();
return exitCode;
