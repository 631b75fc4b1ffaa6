namespace ProcessManager.Contracts.Dtos;

/// <summary>
/// Body of <c>POST /v1/processes/bulk</c>: one action on every process the targets name, carried out in parallel.
/// </summary>
/// <param name="Action"><c>start</c>, <c>stop</c>, <c>restart</c> or <c>delete</c>.</param>
/// <param name="Targets">
/// App names, instance names (<c>web-1</c>), globs over app names with <c>*</c> and <c>?</c> (<c>web-*</c>), or
/// <c>all</c>. A plain name that matches nothing is reported as an error; a glob that matches nothing is not.
/// </param>
public sealed record BulkProcessRequest(string Action, IReadOnlyList<string> Targets);
