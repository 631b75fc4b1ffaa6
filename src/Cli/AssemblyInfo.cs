using System.Runtime.Versioning;

// pbm talks to a Linux daemon over Unix sockets and starts it with Unix process semantics.
[assembly: SupportedOSPlatform("linux")]
