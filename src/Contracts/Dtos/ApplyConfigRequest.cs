namespace ProcessManager.Contracts.Dtos;

/// <summary>Body of <c>POST /v1/apply</c>: the text of a process configuration file and its name for error messages.</summary>
public sealed record ApplyConfigRequest(string Text, string FileName);
