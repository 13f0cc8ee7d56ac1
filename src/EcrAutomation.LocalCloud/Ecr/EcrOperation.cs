using EcrAutomation.LocalCloud.Ecr.Messages;

namespace EcrAutomation.LocalCloud.Ecr;

/// <summary>One ECR operation: its wire name, the request record its body is read into, and the handler that answers it.</summary>
internal abstract class EcrOperation
{
    private EcrOperation(string name) => Name = name;

    /// <summary>The operation as the <c>X-Amz-Target</c> header names it, after the service prefix.</summary>
    public string Name { get; }

    public abstract Type RequestType { get; }

    public static EcrOperation Create<TRequest, TResponse>(string name, Func<TRequest, CancellationToken, Task<TResponse>> handler)
        where TRequest : EcrRequest
        where TResponse : notnull
        => new Typed<TRequest, TResponse>(name, handler);

    public abstract Task<object> InvokeAsync(EcrRequest request, CancellationToken cancellationToken);

    private sealed class Typed<TRequest, TResponse>(string name, Func<TRequest, CancellationToken, Task<TResponse>> handler) : EcrOperation(name)
        where TRequest : EcrRequest
        where TResponse : notnull
    {
        public override Type RequestType => typeof(TRequest);

        public override async Task<object> InvokeAsync(EcrRequest request, CancellationToken cancellationToken)
            => await handler((TRequest)request, cancellationToken).ConfigureAwait(false);
    }
}
