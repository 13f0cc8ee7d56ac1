using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Patching;

namespace EcrAutomation.KubernetesApi.Tests;

public sealed class PatchTests
{
    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Strategic_merge_patch_merges_lists_by_key_and_honours_directives()
    {
        var live = Parse("""
            {"spec": {"containers": [{"name": "a", "image": "a:1", "env": [{"name": "X", "value": "1"}, {"name": "Y", "value": "2"}]}, {"name": "b", "image": "b:1"}],
                      "volumes": [{"name": "v1", "emptyDir": {}}], "args": ["x", "y"], "finalizers": ["f1"],
                      "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1}}}}
            """);
        var patch = Parse("""
            {"spec": {"containers": [{"name": "a", "image": "a:2", "env": [{"name": "Y", "$patch": "delete"}]}, {"name": "c", "image": "c:1"}],
                      "$setElementOrder/containers": [{"name": "c"}, {"name": "a"}, {"name": "b"}],
                      "volumes": [{"$patch": "replace"}, {"name": "v2", "emptyDir": {}}], "args": ["z"],
                      "$deleteFromPrimitiveList/finalizers": ["f1"],
                      "strategy": {"$retainKeys": ["type"], "type": "Recreate"}}}
            """);

        var result = StrategicMergePatch.Apply(live, patch)["spec"]!;

        result["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ShouldBe(["c", "a", "b"]);
        result["containers"]![1]!["image"]!.GetValue<string>().ShouldBe("a:2");
        result["containers"]![1]!["env"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ShouldBe(["X"]);
        result["volumes"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()).ShouldBe(["v2"]);
        result["args"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["z"]);
        result["finalizers"]!.AsArray().ShouldBeEmpty();
        result["strategy"]!.ToJsonString().ShouldBe("""{"type":"Recreate"}""");
    }

    [Fact]
    public void Json_patch_applies_operations_in_order_and_a_failed_test_is_an_error()
    {
        var target = Parse("""{"metadata": {"labels": {"a": "1"}}, "spec": {"list": [1, 2]}}""");

        var result = JsonPatch.Apply(target, JsonNode.Parse("""
            [{"op": "add", "path": "/metadata/labels/b~1c", "value": "2"}, {"op": "remove", "path": "/metadata/labels/a"},
             {"op": "add", "path": "/spec/list/-", "value": 3}, {"op": "move", "from": "/spec/list/0", "path": "/spec/first"},
             {"op": "test", "path": "/spec/first", "value": 1}]
            """));

        result.ToJsonString().ShouldBe("""{"metadata":{"labels":{"b/c":"2"}},"spec":{"list":[2,3],"first":1}}""");
        Should.Throw<FormatException>(() => JsonPatch.Apply(target, JsonNode.Parse("""[{"op": "test", "path": "/metadata/labels/a", "value": "9"}]""")));
        Should.Throw<FormatException>(() => JsonPatch.Apply(target, JsonNode.Parse("""[{"op": "remove", "path": "/nope"}]""")));
    }

    [Fact]
    public void Merge_patch_merges_objects_deletes_nulls_and_replaces_lists()
    {
        var result = MergePatch.Apply(Parse("""{"a": {"b": 1, "c": 2}, "l": [1, 2]}"""), Parse("""{"a": {"b": null, "d": 3}, "l": [9]}"""));

        result!.ToJsonString().ShouldBe("""{"a":{"c":2,"d":3},"l":[9]}""");
    }

    [Fact]
    public void Server_side_apply_releases_fields_a_manager_stops_applying_unless_another_manager_owns_them()
    {
        var first = Parse("""{"metadata": {"name": "x", "labels": {"a": "1", "b": "2"}}, "spec": {"replicas": 2}}""");
        var applied = FieldManagers.Apply(null, first, "one", force: false, "v1", "t", "ConfigMap", string.Empty);
        var shared = FieldManagers.Apply(applied, Parse("""{"metadata": {"name": "x", "labels": {"b": "2"}}}"""), "two", force: false, "v1", "t", "ConfigMap", string.Empty);

        var second = FieldManagers.Apply(shared, Parse("""{"metadata": {"name": "x", "labels": {"a": "1"}}}"""), "one", force: false, "v1", "t", "ConfigMap", string.Empty);

        second["metadata"]!["labels"]!.ToJsonString().ShouldBe("""{"a":"1","b":"2"}""");
        second["spec"].ShouldBeNull();
        second["metadata"]!["managedFields"]!.AsArray().Select(m => m!["manager"]!.GetValue<string>()).ShouldBe(["two", "one"]);
    }
}
