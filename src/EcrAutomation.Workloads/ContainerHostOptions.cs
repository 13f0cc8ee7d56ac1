using System.Net;

namespace EcrAutomation.Workloads;

/// <summary>How a <see cref="ContainerHost"/> is set up; read once by <see cref="ContainerHost.StartAsync"/>.</summary>
public sealed record ContainerHostOptions
{
    /// <summary>
    /// Where the host keeps its images, bundles and the record of everything it made (network namespaces, veths, runc
    /// containers). A host started on the same directory removes whatever an earlier host left there (after a crash or
    /// kill -9), so give each local cloud its own.
    /// </summary>
    public required string StateDirectory { get; init; }

    /// <summary>
    /// Begins the name of every namespace, interface and runc container the host makes, so two hosts on one machine never
    /// collide and leftovers are recognisable. Letters and digits, at most 6 characters (veth names are limited to 15).
    /// </summary>
    public required string NamePrefix { get; init; }

    /// <summary>
    /// The private range sandbox addresses come from: each sandbox takes a /30 (host side gateway, sandbox side address).
    /// </summary>
    /// <value>Defaults to 10.213.0.0/16 (16384 sandboxes).</value>
    public IPNetwork AddressPool { get; init; } = IPNetwork.Parse("10.213.0.0/16");

    /// <summary>Where images are read from.</summary>
    public required IContainerImageStore Images { get; init; }

    /// <summary>The clock for container start and exit times and log timestamps.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
