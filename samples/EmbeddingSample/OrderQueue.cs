namespace ProcessManager.Samples.Embedding;

/// <summary>Stands for the embedding application's own state, which its palette exposes to pbm.</summary>
internal sealed class OrderQueue
{
    private int _pending = 3;

    public int Pending => Volatile.Read(ref _pending);

    public int Enqueue(int count) => Interlocked.Add(ref _pending, count);
}
