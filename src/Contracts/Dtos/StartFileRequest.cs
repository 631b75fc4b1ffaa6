namespace ProcessManager.Contracts.Dtos;

/// <summary>
/// Body of <c>POST /v1/start-file</c>: declares and starts one app of a configuration file, leaving every other app
/// (of this file or any other) as it is, unlike an apply.
/// </summary>
/// <param name="Text">The file's text.</param>
/// <param name="FileName">The file's full path: relative paths in it resolve against its folder, and it marks the app it declares.</param>
/// <param name="App">The app to start; null when the file declares exactly one.</param>
public sealed record StartFileRequest(string Text, string FileName, string? App = null);
