/// TernWire holds tern's byte encodings over `NIOCore.ByteBuffer`: the session record that both the
/// replication stream and snapshots carry (docs/PROTOCOL.md, docs/SNAPSHOT.md), and later the
/// heartbeat datagram and TCP frames. Decoders never trust a length before checking its bound.
public enum TernWire {}
