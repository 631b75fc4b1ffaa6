using System.Runtime.Versioning;

// The daemon is Linux-only by design (flock, Unix sockets, process groups).
[assembly: SupportedOSPlatform("linux")]
