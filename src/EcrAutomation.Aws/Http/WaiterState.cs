namespace EcrAutomation.Aws.Http;

/// <summary>Result of evaluating one poll of a waiter.</summary>
internal enum WaiterState
{
    /// <summary>Not there yet; poll again.</summary>
    Pending,

    /// <summary>The awaited state was reached.</summary>
    Success,

    /// <summary>The awaited state cannot be reached any more.</summary>
    Failure,
}
