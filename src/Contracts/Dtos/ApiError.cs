namespace ProcessManager.Contracts.Dtos;

/// <summary>Body of every 4xx/5xx answer: a short error and a detail a person can act on.</summary>
public sealed record ApiError(string Error, string? Detail);
