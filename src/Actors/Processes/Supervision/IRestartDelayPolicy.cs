namespace ProcessManager.Actors.Processes.Supervision;

/// <summary>Computes the delay before restart attempt number <c>attempt</c> (1 = first restart).</summary>
public interface IRestartDelayPolicy
{
    TimeSpan DelayFor(int attempt);
}
