namespace ProcessManager.Cli.Infrastructure;

/// <summary>The command line is wrong; pbm prints the message and the command's usage, and exits with 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
