namespace ProcessManager.Kernel;

public interface ICancelable
{
    bool IsCancellationRequested { get; }

    void Cancel();
}
