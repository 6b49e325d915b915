namespace MerchantDisputes.Domain.Validation;

/// <summary>Input broke one or more rules; nothing has been changed.</summary>
public sealed class DomainValidationException : Exception
{
    public DomainValidationException(IReadOnlyList<ValidationError> errors)
        : base(string.Join("; ", errors))
    {
        Errors = errors;
    }

    public DomainValidationException()
        : this([])
    {
    }

    public DomainValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    public DomainValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public IReadOnlyList<ValidationError> Errors { get; } = [];
}
