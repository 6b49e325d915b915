namespace MerchantDisputes.Infrastructure.Evidence;

/// <summary>
/// The evidence store cannot be reached or does not answer in time (network, stopped emulator, disk error).
/// The web layer answers 503 with Retry-After; nothing was stored.
/// </summary>
public sealed class EvidenceStoreUnavailableException : Exception
{
    public EvidenceStoreUnavailableException()
        : base("The evidence store is unavailable.")
    {
    }

    public EvidenceStoreUnavailableException(string message)
        : base(message)
    {
    }

    public EvidenceStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A blob of that name is already there. Names are generated, so this is a defect of the caller, not of the user.</summary>
public sealed class EvidenceBlobAlreadyExistsException : Exception
{
    public EvidenceBlobAlreadyExistsException()
        : base("The evidence blob already exists.")
    {
    }

    public EvidenceBlobAlreadyExistsException(string message)
        : base(message)
    {
    }

    public EvidenceBlobAlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal EvidenceBlobAlreadyExistsException(EvidenceContainer container, string blobName, Exception? innerException = null)
        : base($"The blob \"{blobName}\" already exists in {container}.", innerException)
    {
    }
}
