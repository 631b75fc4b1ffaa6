namespace ProcessManager.Contracts.Dtos;

/// <summary>Body of <c>POST /v1/apply</c>: the text of a process configuration file and its name for error messages.</summary>
/// <param name="Text">The file's text.</param>
/// <param name="FileName">The file's full path: relative paths in it resolve against its folder, and it marks the apps it declares.</param>
/// <param name="DryRun">Only plan: the answer says what would change; nothing changes.</param>
/// <param name="Prune">Also remove apps missing from the file that another file (or a person) declared.</param>
public sealed record ApplyConfigRequest(string Text, string FileName, bool DryRun = false, bool Prune = false);
