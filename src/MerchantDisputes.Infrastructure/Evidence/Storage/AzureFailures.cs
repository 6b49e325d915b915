using System.Net.Sockets;
using Azure;

namespace MerchantDisputes.Infrastructure.Evidence.Storage;

/// <summary>Tells "the store is not there right now" (503 and retry later) apart from answers about the blob itself.</summary>
internal static class AzureFailures
{
    public static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        // The caller gave up: that is theirs to handle, not an outage.
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,

        // Azure.Core's network timeout surfaces as a cancellation nobody asked for.
        OperationCanceledException => true,

        // Status 0: no HTTP answer at all (connection refused, DNS, reset). 408/429/5xx: the service is struggling.
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,

        // The retry policy gives up with all its attempts in one AggregateException.
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0
            && aggregate.InnerExceptions.All(inner => IsUnavailable(inner, cancellationToken)),

        HttpRequestException or IOException or SocketException or TimeoutException => true,
        _ => false,
    };

    public static bool IsNotFound(RequestFailedException exception) => exception.Status == 404;

    /// <summary>409 BlobAlreadyExists, or 412 when the If-None-Match: * condition is what refused it.</summary>
    public static bool IsAlreadyExists(RequestFailedException exception) => exception.Status is 409 or 412;

    public static bool IsContainerNotFound(RequestFailedException exception) =>
        exception.Status == 404 && exception.ErrorCode == "ContainerNotFound";
}
