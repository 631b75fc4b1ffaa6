using Microsoft.VisualStudio.TestPlatform.ObjectModel;

namespace ProcessManager.TestLogging;

/// <summary>Where a skipped result carries its reason: the error message, else its first non-empty message.</summary>
internal static class SkipReason
{
    public static string Of(TestResult result)
    {
        if (!string.IsNullOrWhiteSpace(result.ErrorMessage))
        {
            return OneLine(result.ErrorMessage);
        }

        foreach (var message in result.Messages)
        {
            if (!string.IsNullOrWhiteSpace(message.Text))
            {
                return OneLine(message.Text);
            }
        }

        return "(no reason given)";
    }

    private static string OneLine(string text) => text.Trim().ReplaceLineEndings(" ");
}
