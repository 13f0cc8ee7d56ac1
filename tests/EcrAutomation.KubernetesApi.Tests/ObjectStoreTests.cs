using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Storage;

namespace EcrAutomation.KubernetesApi.Tests;

public sealed class ObjectStoreTests : IAsyncLifetime
{
    private static readonly GroupVersionResource Deployments = KubernetesResources.Deployments;
    private static readonly GroupVersionResource ConfigMaps = KubernetesResources.ConfigMaps;
    private readonly string _directory = Directory.CreateTempSubdirectory("k8s-store-").FullName;
    private ObjectStore _store = null!;

    public Task InitializeAsync()
    {
        _store = ObjectStore.Open(_directory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Create_assigns_uid_resource_version_timestamp_and_generation()
    {
        var created = await _store.CreateAsync(Deployments, Deployment("web"));

        created["metadata"]!["uid"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        created["metadata"]!["generation"]!.ToJsonString().ShouldBe("1");
        created["metadata"]!["creationTimestamp"]!.GetValue<string>().ShouldEndWith("Z");
        long.Parse(created["metadata"]!["resourceVersion"]!.GetValue<string>()).ShouldBe(_store.ResourceVersion);
        _store.Get(Deployments, "default", "web")!["spec"]!["replicas"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task Create_of_an_existing_name_fails_with_AlreadyExists_and_generate_name_makes_unique_names()
    {
        await _store.CreateAsync(ConfigMaps, ConfigMap("settings"));

        var failure = await Should.ThrowAsync<ObjectStoreException>(() => _store.CreateAsync(ConfigMaps, ConfigMap("settings")));
        failure.Failure.ShouldBe(StoreFailure.AlreadyExists);
        var generated = ConfigMap(string.Empty);
        generated["metadata"]!["generateName"] = "web-";
        var a = await _store.CreateAsync(ConfigMaps, generated);
        var b = await _store.CreateAsync(ConfigMaps, generated);
        a["metadata"]!["name"]!.GetValue<string>().ShouldStartWith("web-");
        a["metadata"]!["name"]!.GetValue<string>().ShouldNotBe(b["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_with_a_stale_resource_version_is_a_Conflict_and_changes_nothing()
    {
        var created = await _store.CreateAsync(Deployments, Deployment("web"));
        var first = created.DeepClone().AsObject();
        first["spec"]!["replicas"] = 3;
        await _store.UpdateAsync(Deployments, first);

        var stale = created.DeepClone().AsObject();
        stale["spec"]!["replicas"] = 5;
        var failure = await Should.ThrowAsync<ObjectStoreException>(() => _store.UpdateAsync(Deployments, stale));

        failure.Failure.ShouldBe(StoreFailure.Conflict);
        _store.Get(Deployments, "default", "web")!["spec"]!["replicas"]!.GetValue<int>().ShouldBe(3);
    }

    [Fact]
    public async Task Generation_is_bumped_by_spec_changes_only_and_a_no_op_update_keeps_the_resource_version()
    {
        var created = await _store.CreateAsync(Deployments, Deployment("web"));
        var statusOnly = created.DeepClone().AsObject();
        statusOnly["status"] = new JsonObject { ["replicas"] = 2 };
        var afterStatus = await _store.UpdateAsync(Deployments, statusOnly);
        var spec = afterStatus.DeepClone().AsObject();
        spec["spec"]!["replicas"] = 4;
        var afterSpec = await _store.UpdateAsync(Deployments, spec);
        var unchanged = await _store.UpdateAsync(Deployments, afterSpec.DeepClone().AsObject());

        afterStatus["metadata"]!["generation"]!.ToJsonString().ShouldBe("1");
        afterSpec["metadata"]!["generation"]!.ToJsonString().ShouldBe("2");
        unchanged["metadata"]!["resourceVersion"]!.GetValue<string>().ShouldBe(afterSpec["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_filters_by_namespace_labels_and_fields_and_pages_with_continue()
    {
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            await _store.CreateAsync(ConfigMaps, ConfigMap(name, name is "a" or "c" ? "web" : "db"));
        }

        await _store.CreateAsync(ConfigMaps, ConfigMap("e", "web", "other"));

        Names(_store.List(ConfigMaps, new ObjectListOptions { Namespace = "default", LabelSelector = "app=web" })).ShouldBe(["a", "c"]);
        Names(_store.List(ConfigMaps, new ObjectListOptions { LabelSelector = "app in (web),app!=db" })).ShouldBe(["a", "c", "e"]);
        Names(_store.List(ConfigMaps, new ObjectListOptions { FieldSelector = "metadata.name=b" })).ShouldBe(["b"]);
        Names(_store.List(ConfigMaps, new ObjectListOptions { FieldSelector = "metadata.namespace!=default" })).ShouldBe(["e"]);
        var page1 = _store.List(ConfigMaps, new ObjectListOptions { Limit = 2 });
        var page2 = _store.List(ConfigMaps, new ObjectListOptions { Limit = 2, Continue = page1.Continue });
        var page3 = _store.List(ConfigMaps, new ObjectListOptions { Limit = 2, Continue = page2.Continue });
        Names(page1).ShouldBe(["a", "b"]);
        page1.RemainingItemCount.ShouldBe(3);
        Names(page2).ShouldBe(["c", "d"]);
        Names(page3).ShouldBe(["e"]);
        page3.Continue.ShouldBeNull();
        Should.Throw<FormatException>(() => _store.List(ConfigMaps, new ObjectListOptions { LabelSelector = "app in web" }));
    }

    [Fact]
    public async Task Watch_from_a_resource_version_sees_later_changes_in_order_and_an_expired_version_fails()
    {
        var listed = _store.List(ConfigMaps);
        using var watch = _store.Watch(ConfigMaps, new ObjectWatchOptions { FromResourceVersion = listed.ResourceVersion });
        var created = await _store.CreateAsync(ConfigMaps, ConfigMap("a"));
        created["data"] = new JsonObject { ["k"] = "v" };
        await _store.UpdateAsync(ConfigMaps, created);
        await _store.DeleteAsync(ConfigMaps, "default", "a");

        var events = new List<ObjectEvent>();
        while (events.Count < 3)
        {
            events.Add(await watch.Events.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        }

        events.Select(e => e.Type).ShouldBe([ObjectEventType.Added, ObjectEventType.Modified, ObjectEventType.Deleted]);
        events.Select(e => e.ResourceVersion).ShouldBeInOrder(SortDirection.Ascending);
        events[2].Object["data"]!["k"]!.GetValue<string>().ShouldBe("v");
        Should.Throw<ObjectStoreException>(() => _store.Watch(ConfigMaps, new ObjectWatchOptions { FromResourceVersion = -1 }))
            .Failure.ShouldBe(StoreFailure.Expired);
    }

    [Fact]
    public async Task A_watch_with_a_label_selector_reports_objects_leaving_the_selection_as_deleted()
    {
        var created = await _store.CreateAsync(ConfigMaps, ConfigMap("a", "web"));
        using var watch = _store.Watch(ConfigMaps, new ObjectWatchOptions { LabelSelector = "app=web" });
        created["metadata"]!["labels"]!["app"] = "db";
        await _store.UpdateAsync(ConfigMaps, created);

        (await watch.Events.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30))).Type.ShouldBe(ObjectEventType.Added);
        (await watch.Events.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30))).Type.ShouldBe(ObjectEventType.Deleted);
    }

    [Fact]
    public async Task Acknowledged_writes_survive_reopening_and_a_torn_final_record_is_dropped()
    {
        await _store.CreateAsync(ConfigMaps, ConfigMap("kept"));
        await _store.CreateAsync(ConfigMaps, ConfigMap("gone"));
        await _store.DeleteAsync(ConfigMaps, "default", "gone");
        var version = _store.ResourceVersion;
        await _store.DisposeAsync();
        await File.AppendAllTextAsync(Path.Combine(_directory, "changes.log"), "{\"rv\":999,\"op\":\"put\",\"reso");

        _store = ObjectStore.Open(_directory);

        _store.Get(ConfigMaps, "default", "kept").ShouldNotBeNull();
        _store.Get(ConfigMaps, "default", "gone").ShouldBeNull();
        _store.ResourceVersion.ShouldBe(version);
        var next = await _store.CreateAsync(ConfigMaps, ConfigMap("after"));
        long.Parse(next["metadata"]!["resourceVersion"]!.GetValue<string>()).ShouldBe(version + 1);
    }

    [Fact]
    public async Task A_second_store_on_the_same_directory_is_refused()
    {
        await Should.ThrowAsync<IOException>(() => Task.Run(() => ObjectStore.Open(_directory)));
    }

    [Fact]
    public async Task Deleting_an_owner_collects_its_dependents_in_the_background()
    {
        var owner = await _store.CreateAsync(Deployments, Deployment("web"));
        var dependent = ConfigMap("owned");
        dependent["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "web", ["uid"] = owner["metadata"]!["uid"]!.GetValue<string>(),
        });
        await _store.CreateAsync(ConfigMaps, dependent);
        using var watch = _store.Watch(ConfigMaps, new ObjectWatchOptions { FromResourceVersion = _store.ResourceVersion });

        var deletion = await _store.DeleteAsync(Deployments, "default", "web");

        deletion.Removed.ShouldBeTrue();
        (await watch.Events.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30))).Type.ShouldBe(ObjectEventType.Deleted);
        _store.Get(ConfigMaps, "default", "owned").ShouldBeNull();
    }

    [Fact]
    public async Task Foreground_deletion_keeps_the_owner_until_its_dependents_are_gone_and_orphan_keeps_dependents()
    {
        var owner = await _store.CreateAsync(Deployments, Deployment("web"));
        await _store.CreateAsync(ConfigMaps, OwnedBy(ConfigMap("owned"), owner));
        using var watch = _store.Watch(Deployments, new ObjectWatchOptions { FromResourceVersion = _store.ResourceVersion });

        var marked = await _store.DeleteAsync(Deployments, "default", "web", new ObjectDeleteOptions { PropagationPolicy = PropagationPolicy.Foreground });

        marked.Removed.ShouldBeFalse();
        marked.Object["metadata"]!["deletionTimestamp"].ShouldNotBeNull();
        ObjectEvent last;
        do
        {
            last = await watch.Events.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        }
        while (last.Type != ObjectEventType.Deleted);

        _store.Get(ConfigMaps, "default", "owned").ShouldBeNull();

        var second = await _store.CreateAsync(Deployments, Deployment("api"));
        await _store.CreateAsync(ConfigMaps, OwnedBy(ConfigMap("kept"), second));
        using var orphanWatch = _store.Watch(Deployments, new ObjectWatchOptions { FromResourceVersion = _store.ResourceVersion });
        await _store.DeleteAsync(Deployments, "default", "api", new ObjectDeleteOptions { PropagationPolicy = PropagationPolicy.Orphan });
        do
        {
            last = await orphanWatch.Events.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        }
        while (last.Type != ObjectEventType.Deleted);

        var kept = _store.Get(ConfigMaps, "default", "kept");
        kept.ShouldNotBeNull();
        kept["metadata"]!["ownerReferences"].ShouldBeNull();
    }

    private static JsonObject OwnedBy(JsonObject obj, JsonObject owner)
    {
        obj["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = owner["metadata"]!["name"]!.GetValue<string>(),
            ["uid"] = owner["metadata"]!["uid"]!.GetValue<string>(),
        });
        return obj;
    }

    private static string[] Names(ObjectList list) => list.Items.Select(i => i["metadata"]!["name"]!.GetValue<string>()).ToArray();

    internal static JsonObject Deployment(string name) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["spec"] = new JsonObject { ["replicas"] = 2 },
    };

    private static JsonObject ConfigMap(string name, string app = "web", string @namespace = "default") => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = @namespace, ["labels"] = new JsonObject { ["app"] = app } },
    };
}
