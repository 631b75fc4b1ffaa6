using System.Runtime.CompilerServices;

// The OS-layer tests reach the file seam (ILogFile) and the log writer internals.
[assembly: InternalsVisibleTo("ProcessManager.Actors.Tests")]
[assembly: InternalsVisibleTo("ProcessManager.Os.Bench")]
