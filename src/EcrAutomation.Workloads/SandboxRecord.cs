namespace EcrAutomation.Workloads;

/// <summary>
/// What a sandbox is made of, written to the host's state directory before any of it is made, so a later host can remove
/// it after a crash: the address block, the network namespace, the host's veth and the /etc/hosts file its containers see.
/// </summary>
internal sealed record SandboxRecord(int Slot, string Namespace, string HostInterface, string HostsFile)
{
    public string NamespacePath => $"/var/run/netns/{Namespace}";
}
