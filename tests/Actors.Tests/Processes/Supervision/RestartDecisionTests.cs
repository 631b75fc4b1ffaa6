using Xunit;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Processes.Supervision;

namespace ProcessManager.Actors.Tests.Processes.Supervision;

public sealed class RestartDecisionTests
{
    private static readonly int[] Success = [0, 3];

    [Theory]
    [InlineData(RestartPolicy.Always, 0, null, true)]
    [InlineData(RestartPolicy.Always, 1, null, true)]
    [InlineData(RestartPolicy.Always, null, 9, true)]
    [InlineData(RestartPolicy.OnFailure, 0, null, false)]
    [InlineData(RestartPolicy.OnFailure, 3, null, false)]
    [InlineData(RestartPolicy.OnFailure, 1, null, true)]
    [InlineData(RestartPolicy.OnFailure, null, 15, true)]
    [InlineData(RestartPolicy.Never, 1, null, false)]
    [InlineData(RestartPolicy.Never, null, 9, false)]
    public void Policy_times_exit_status_times_success_codes(RestartPolicy policy, int? code, int? signal, bool restart)
    {
        Assert.Equal(restart, RestartDecision.ShouldRestart(policy, new ExitOutcome(code, signal), Success));
    }

    [Fact]
    public void A_signal_is_never_a_success_even_if_its_number_is_a_success_code()
    {
        Assert.False(ExitOutcome.FromSignal(3).IsSuccess(Success));
        Assert.True(ExitOutcome.FromCode(3).IsSuccess(Success));
    }
}
