namespace ProcessManager.Contracts.Dtos;

/// <summary>Body of <c>POST /v1/processes/{name}/scale</c>.</summary>
public sealed record ScaleRequest(int Instances);
