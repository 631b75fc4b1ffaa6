namespace ProcessManager.Contracts.Dtos;

/// <summary>Answer of <c>POST /v1/daemon/token/rotate</c>: where the new token was written (the token itself is never echoed).</summary>
public sealed record TokenRotation(string TokenFile, DateTimeOffset RotatedAt);
