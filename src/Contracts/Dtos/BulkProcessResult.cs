namespace ProcessManager.Contracts.Dtos;

/// <summary>Answer of <c>POST /v1/processes/bulk</c>: one result per process acted on, in name order.</summary>
public sealed record BulkProcessResult(IReadOnlyList<BulkItemResult> Results);

/// <summary>What the action did to one process.</summary>
/// <param name="Name">The app or instance name.</param>
/// <param name="Ok">True when the action succeeded (and, for start and restart, the program did not fail at once).</param>
/// <param name="Status">The process afterwards; null after a delete or when it failed.</param>
/// <param name="Error">Why it failed; null when it succeeded.</param>
public sealed record BulkItemResult(string Name, bool Ok, ProcessStatus? Status, string? Error);
