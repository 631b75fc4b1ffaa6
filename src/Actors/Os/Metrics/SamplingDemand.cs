namespace ProcessManager.Actors.Os.Metrics;

/// <summary>
/// Published on the event stream when someone reads figures (a process list, <c>pbm top</c>, the dashboard, a
/// <c>/metrics</c> scrape): programs are sampled at their <c>metrics.interval</c> for <paramref name="Window"/> from
/// now, then go back to the idle cadence. A program whose sampling is slower samples at once.
/// </summary>
/// <param name="Window">How long the fast cadence lasts from the moment the message arrives.</param>
public sealed record SamplingDemand(TimeSpan Window);
