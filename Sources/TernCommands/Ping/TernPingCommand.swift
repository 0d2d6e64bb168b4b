/// TernPingCommand: the `tern-ping` command and its output, over TernNetMembership and
/// TernCommandSupport only: tern-ping links no snapshot, zlib, BoringSSL or replication code.
public enum TernPingCommand {}
