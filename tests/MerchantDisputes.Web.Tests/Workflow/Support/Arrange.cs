using MerchantDisputes.Domain.Evidence;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Workflow.Support;

/// <summary>The only state these tests put into the database behind the API's back.</summary>
public static class Arrange
{
    /// <summary>
    /// A case needs one piece of evidence before it is submitted. The upload endpoint
    /// (POST /api/v1/disputes/{id}/evidence) is being built on another branch; until it lands, this inserts the
    /// row the pipeline would write. Replace the body with a real upload once the evidence API exists — then the
    /// timeline gains an evidence entry, and the expected timeline kinds in the story tests need it too.
    /// </summary>
    public static async Task EvidenceRowAsync(DisputesAppFactory app, Guid disputeId, Guid merchantId)
    {
        ArgumentNullException.ThrowIfNull(app);
        var now = app.Clock.GetUtcNow();
        var original = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var sanitized = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        await app.WithDbAsync(async db =>
        {
            db.Evidence.Add(EvidenceItem.Create(
                new EvidenceFacts(
                    Guid.CreateVersion7(), disputeId, merchantId, "截图", "png", "image/png", "png", 1080, 2400, 1000, 900,
                    original, sanitized, "blob-" + Guid.NewGuid(), false),
                now));
            return await db.SaveChangesAsync();
        });
    }
}
