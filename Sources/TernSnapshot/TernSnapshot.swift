/// TernSnapshot reads and writes tern's snapshot container (docs/SNAPSHOT.md): one streaming
/// reader and one streaming writer that every tool shares, gzip through zlib, a pigz-style parallel
/// deflater, snapshot outputs (atomic, through TernFiles), and the deterministic generator used by tests
/// and benchmarks.
public enum TernSnapshot {}
