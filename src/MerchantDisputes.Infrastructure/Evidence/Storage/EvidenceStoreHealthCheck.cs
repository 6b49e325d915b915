using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MerchantDisputes.Infrastructure.Evidence.Storage;

/// <summary>For /health/ready: the blob store is part of being able to take evidence.</summary>
internal sealed class EvidenceStoreHealthCheck(IEvidenceStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.CheckAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (EvidenceStoreUnavailableException exception)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The evidence store is unavailable.", exception);
        }
    }
}
