namespace MerchantDisputes.Domain.Disputes;

/// <summary>The case is not in a state that allows the action (HTTP 409).</summary>
public sealed class InvalidTransitionException : Exception
{
    public InvalidTransitionException(DisputeStatus status, DisputeAction action)
        : base($"{action} is not possible while the dispute is {status}.")
    {
        Status = status;
        Action = action;
    }

    public InvalidTransitionException()
    {
    }

    public InvalidTransitionException(string message)
        : base(message)
    {
    }

    public InvalidTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DisputeStatus Status { get; }
    public DisputeAction Action { get; }
}

/// <summary>The actor's role never may take this action on a case (HTTP 403 for a case they can see).</summary>
public sealed class ActionNotAllowedException : Exception
{
    public ActionNotAllowedException(DisputeAction action, string role)
        : base($"{role} may not {action}.")
    {
        Action = action;
        Role = role;
    }

    public ActionNotAllowedException()
    {
    }

    public ActionNotAllowedException(string message)
        : base(message)
    {
    }

    public ActionNotAllowedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DisputeAction Action { get; }
    public string Role { get; } = string.Empty;
}
