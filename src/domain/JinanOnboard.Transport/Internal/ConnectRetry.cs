using System.Globalization;
using Polly;
using Polly.Retry;
using Polly.Timeout;

using JinanOnboard.Transport;

namespace JinanOnboard.Transport.Internal;

/// <summary>
/// Connect attempts with exponential back-off (50 ms doubling to 1 s) until the endpoint's connect timeout,
/// so a payload and a ground process may start in either order. Gives up with one line:
/// <c>tcp://127.0.0.1:7400: connection refused (gave up after 5 s)</c>.
/// </summary>
internal static class ConnectRetry
{
    public static async ValueTask<T> RunAsync<T>(
        EndpointSettings settings,
        Func<CancellationToken, ValueTask<T>> attempt,
        Func<Exception, string?> transientReason,
        CancellationToken ct)
    {
        string lastReason = "no answer";
        ResiliencePipeline pipeline = new ResiliencePipelineBuilder()
            .AddTimeout(settings.ConnectTimeout)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex =>
                {
                    string? reason = transientReason(ex);
                    if (reason is not null)
                    {
                        lastReason = reason;
                    }

                    return reason is not null;
                }),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                Delay = TimeSpan.FromMilliseconds(50),
                MaxDelay = TimeSpan.FromSeconds(1),
                MaxRetryAttempts = int.MaxValue,
            })
            .Build();

        try
        {
            return await pipeline.ExecuteAsync(attempt, ct);
        }
        catch (TimeoutRejectedException ex)
        {
            string seconds = settings.ConnectTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            throw new TransportException($"{settings.Display}: {lastReason} (gave up after {seconds} s)", ex);
        }
    }
}
