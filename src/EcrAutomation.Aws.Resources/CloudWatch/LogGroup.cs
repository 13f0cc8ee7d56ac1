using System.Collections.Immutable;

namespace EcrAutomation.Aws.Resources.CloudWatch;

/// <summary>A CloudWatch Logs log group (<c>aws:cloudwatch/logGroup:LogGroup</c>).</summary>
public sealed class LogGroup : CustomResource
{
    public LogGroup(string name, LogGroupArgs? args = null, CustomResourceOptions? options = null)
        : base(LogGroupProvider.Type, name, args ?? new LogGroupArgs(), options) { }

    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    [Output("name")] public Output<string> LogGroupName { get; private set; } = null!;
    [Output("region")] public Output<string> Region { get; private set; } = null!;
    [Output("retentionInDays")] public Output<int> RetentionInDays { get; private set; } = null!;
    [Output("tagsAll")] public Output<ImmutableDictionary<string, string>> TagsAll { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="LogGroup"/>.</summary>
public sealed class LogGroupArgs : ResourceArgs
{
    [Input("name")] public Input<string>? Name { get; set; }
    /// <summary>Days to keep events; 0 (the default) keeps them forever.</summary>
    [Input("retentionInDays")] public Input<int>? RetentionInDays { get; set; }
    [Input("kmsKeyId")] public Input<string>? KmsKeyId { get; set; }
    [Input("skipDestroy")] public Input<bool>? SkipDestroy { get; set; }
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}
