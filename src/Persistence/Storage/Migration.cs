namespace ProcessManager.Persistence.Storage;

/// <summary>One schema step; applied once, in version order, inside the migration transaction.</summary>
internal sealed record Migration(int Version, string Description, IReadOnlyList<string> Statements);
