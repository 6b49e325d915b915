using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Workflow.Support;

/// <summary>What a case needs before it can be submitted, put there through the API as a merchant does.</summary>
public static class Arrange
{
    private static int _seed = 50_000;

    /// <summary>Uploads one fresh screenshot; each call sends different bytes, so none is a duplicate.</summary>
    public static async Task EvidenceAsync(ApiClient merchant, Guid disputeId) =>
        await Uploads.UploadOkAsync(merchant, disputeId.ToString(), Uploads.Screenshot(Interlocked.Increment(ref _seed), 40, 40), "物流截图");
}
