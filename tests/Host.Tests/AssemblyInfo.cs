using System.Runtime.Versioning;

// Tests of a Linux-only daemon.
[assembly: SupportedOSPlatform("linux")]
