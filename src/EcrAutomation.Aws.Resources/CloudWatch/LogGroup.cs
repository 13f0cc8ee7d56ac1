using System.Collections.Immutable;

namespace EcrAutomation.Aws.Resources.CloudWatch;

/// <summary>A CloudWatch Logs log group (<c>aws:cloudwatch/logGroup:LogGroup</c>).</summary>
[ResourceType(LogGroupProvider.Type)]
public sealed class LogGroup : CustomResource
{
    /// <summary>Declares the log group; <c>up</c> creates it (auto-named from <paramref name="name"/> unless <see cref="LogGroupArgs.Name"/> is set).</summary>
    public LogGroup(string name, LogGroupArgs? args = null, CustomResourceOptions? options = null)
        : base(LogGroupProvider.Type, name, args ?? new LogGroupArgs(), options) { }

    /// <summary>The log group's ARN.</summary>
    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    /// <summary>The log group's name (the given or auto-generated one).</summary>
    [Output("name")] public Output<string> LogGroupName { get; private set; } = null!;
    /// <summary>The region the log group is in (what an <c>awslogs</c> log configuration needs).</summary>
    [Output("region")] public Output<string> Region { get; private set; } = null!;
    /// <summary>Days events are kept; 0 means they never expire.</summary>
    [Output("retentionInDays")] public Output<int> RetentionInDays { get; private set; } = null!;
    /// <summary>The log group's tags as CloudWatch Logs reports them.</summary>
    [Output("tagsAll")] public Output<ImmutableDictionary<string, string>> TagsAll { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="LogGroup"/>.</summary>
public sealed class LogGroupArgs : ResourceArgs
{
    /// <summary>The log group name; unset means the resource name plus a random suffix. Changing it replaces the log group.</summary>
    [Input("name")] public Input<string>? Name { get; set; }
    /// <summary>Days to keep events; 0 (the default) keeps them forever.</summary>
    [Input("retentionInDays")] public Input<int>? RetentionInDays { get; set; }
    /// <summary>The KMS key that encrypts the log data; changing it replaces the log group.</summary>
    [Input("kmsKeyId")] public Input<string>? KmsKeyId { get; set; }
    /// <summary>Keep the log group (and its events) in the cloud when the resource is destroyed.</summary>
    [Input("skipDestroy")] public Input<bool>? SkipDestroy { get; set; }
    /// <summary>Tags to apply to the log group; updated in place.</summary>
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}
