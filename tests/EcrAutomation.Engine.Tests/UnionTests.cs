using EcrAutomation.Providers;

namespace EcrAutomation.Engine.Tests;

/// <summary>
/// <see cref="InputUnion{T0,T1}"/> and <see cref="Union{T0,T1}"/> (Pulumi's shapes, Kubernetes' IntOrString), secret
/// inputs and field-backed collection inputs: what the provider receives and what an output property reads back.
/// </summary>
public sealed class UnionTests
{
    private sealed class PortArgs : ResourceArgs
    {
        [Input("targetPort")] public InputUnion<int, string>? TargetPort { get; set; }
    }

    private sealed class DataArgs : ResourceArgs
    {
        [Input("data", secret: true)] private InputMap<string>? _data;

        [Input("names")] private InputList<string>? _names;

        public InputMap<string> Data { get => _data ??= []; set => _data = value; }

        public InputList<string> Names { get => _names ??= []; set => _names = value; }
    }

    private sealed class PortStatus
    {
        [Output("targetPort")] public Union<int, string>? TargetPort { get; init; }
    }

    private static async Task<PropertyValue> TargetPortOf(InputUnion<int, string> value) =>
        (await PropertySerializer.SerializeArgsAsync(new PortArgs { TargetPort = value })).Inputs["targetPort"];

    [Fact]
    public async Task InputUnion_FromEitherTypeItsOutputOrItsInput_SendsThePlainValue()
    {
        (await TargetPortOf(8080)).ShouldBe(PropertyValue.Of(8080));
        (await TargetPortOf("http")).ShouldBe(PropertyValue.Of("http"));
        (await TargetPortOf(Output.Create(8443))).ShouldBe(PropertyValue.Of(8443));
        (await TargetPortOf(Output.Create("https"))).ShouldBe(PropertyValue.Of("https"));
        Input<int> portInput = 9090;
        Input<string> nameInput = "metrics";
        (await TargetPortOf(portInput)).ShouldBe(PropertyValue.Of(9090));
        (await TargetPortOf(nameInput)).ShouldBe(PropertyValue.Of("metrics"));
        (await TargetPortOf(Union<int, string>.FromT1("grpc"))).ShouldBe(PropertyValue.Of("grpc"));
        (await TargetPortOf(Output.CreateSecret("hidden"))).ShouldBe(PropertyValue.Secret(PropertyValue.Of("hidden")));
    }

    [Fact]
    public void Union_ReadBack_NumberIsTheFirstType_StringTheSecond_AbsentIsNull()
    {
        var number = (Union<int, string>)PropertyConverter.Convert(PropertyValue.Of(8080), typeof(Union<int, string>))!;
        number.IsT0.ShouldBeTrue();
        number.AsT0.ShouldBe(8080);
        Should.Throw<InvalidOperationException>(() => number.AsT1);

        var name = (Union<int, string>?)PropertyConverter.Convert(PropertyValue.Of("http"), typeof(Union<int, string>?));
        name!.Value.IsT1.ShouldBeTrue();
        name.Value.AsT1.ShouldBe("http");
        name.Value.Match(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture), n => n).ShouldBe("http");

        var status = (PortStatus)PropertyConverter.Convert(PropertyValue.Of(PropertyMap.From([KeyValuePair.Create("targetPort", PropertyValue.Of(80))])), typeof(PortStatus))!;
        status.TargetPort.ShouldBe(Union<int, string>.FromT0(80));
        ((PortStatus)PropertyConverter.Convert(PropertyValue.Of(PropertyMap.Empty), typeof(PortStatus))!).TargetPort.ShouldBeNull();
        Should.Throw<NotSupportedException>(() => PropertyConverter.Convert(PropertyValue.True, typeof(Union<int, string>)));
    }

    [Fact]
    public async Task SecretInput_IsSecretHoweverGiven_AndFieldBackedCollections_AreSentOnlyWhenUsed()
    {
        var empty = await PropertySerializer.SerializeArgsAsync(new DataArgs());
        empty.Inputs.ShouldBeEmpty("collections nobody touched are not sent");

        var args = new DataArgs { Data = { ["password"] = "c2VjcmV0" }, Names = { "a", Output.Create("b") } };
        var inputs = (await PropertySerializer.SerializeArgsAsync(args)).Inputs;

        inputs["data"].ShouldBe(PropertyValue.Secret(PropertyValue.Of(PropertyMap.From([KeyValuePair.Create("password", PropertyValue.Of("c2VjcmV0"))]))));
        inputs["names"].ShouldBe(PropertyValue.Of([PropertyValue.Of("a"), PropertyValue.Of("b")]));
        var assigned = (await PropertySerializer.SerializeArgsAsync(new DataArgs { Data = new Dictionary<string, string> { ["k"] = "dg==" } })).Inputs;
        assigned["data"].IsSecret.ShouldBeTrue();
        assigned["data"].Unsecret().AsMap.GetString("k").ShouldBe("dg==");
    }
}
