namespace ProcessManager.Kernel.TestKit;

/// <summary>A TestKit expectation failed (any test framework reports it as a failure).</summary>
public sealed class TestKitAssertionException : Exception
{
    public TestKitAssertionException()
    {
    }

    public TestKitAssertionException(string message)
        : base(message)
    {
    }

    public TestKitAssertionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
