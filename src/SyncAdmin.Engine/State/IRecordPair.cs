namespace SyncAdmin.Engine.State;

/// <summary>Names one local/integration record pair of a mapping: a coupling, a skipped record, the record of a sync error.
/// Cmdlets that act on a pair (Resolve-SkippedRecord) take any of these from the pipeline and nothing else, so an object
/// that merely has a Mapping and a key-like property never reaches them.</summary>
public interface IRecordPair
{
    string Mapping { get; }
    string? LocalKey { get; }
    string? IntegrationKey { get; }
}
