namespace EcrAutomation.Images.Building.Stages;

/// <summary>A layer of a stage: inherited and already built, or planned (entries known, bytes not written yet).</summary>
internal sealed record StageLayer(BuiltLayer? Built, IReadOnlyList<LayerEntry>? Entries, string CreatedBy);
