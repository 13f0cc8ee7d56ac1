namespace EcrAutomation.Images.Building.Stages;

/// <summary>The unpacked content of one base image layer: its entries and what it hides of the layers below.</summary>
internal sealed record ExtractedLayer(IReadOnlyList<LayerEntry> Entries, IReadOnlyList<string> Whiteouts, IReadOnlyList<string> OpaqueDirectories);
