/// The fuzz targets (docs/FUZZING.md): each names its corpus folder, `Tests/Fuzz/Corpus/<name>`, its
/// executable, `fuzz-<name>`, its checks and its encoder-made seeds.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// tern's heartbeat datagram, through `MembershipDatagram.decode` (Sources/TernWire/Heartbeat).
    case heartbeat
    /// The replication stream, preface and frames, fed to `ReplicationDecoder` in chunks (Sources/TernWire/Frames).
    case frames
    /// Tomcat's member record and TCP frames with their channel messages (Sources/TernWire/Tribes).
    case tribes
    /// A snapshot file, plain or gzip, through `SnapshotReader` (Sources/TernSnapshot).
    case snapshot
    /// `tern-snap import`'s JSON Lines: `JSONParser` and `RecordJSON` (Sources/TernCommands/JSON).
    case json
    /// A keyed replication connection's handshake and sealed records (Sources/TernWire/Sealing).
    case sealing

    /// Runs every check of this target on one input; throws what did not hold. Returns whether the
    /// input was accepted whole (decoded without an error), as every seed the encoders make must be.
    @discardableResult
    public func check(_ input: [UInt8]) throws(FuzzViolation) -> Bool {
        switch self {
        case .heartbeat: try HeartbeatFuzzCheck.check(input)
        case .frames: try FrameStreamFuzzCheck.check(input)
        case .tribes: try TribesFuzzCheck.check(input)
        case .snapshot: try SnapshotFuzzCheck.check(input)
        case .json: try JSONImportFuzzCheck.check(input)
        case .sealing: try SealingFuzzCheck.check(input)
        }
    }

    /// The seed inputs the project's encoders make, by file name (`fuzz-<name> --write-seeds DIR`).
    public func seeds() throws -> [(name: String, bytes: [UInt8])] {
        switch self {
        case .heartbeat: try HeartbeatFuzzCheck.seeds()
        case .frames: try FrameStreamFuzzCheck.seeds()
        case .tribes: TribesFuzzCheck.seeds()
        case .snapshot: try SnapshotFuzzCheck.seeds()
        case .json: JSONImportFuzzCheck.seeds()
        case .sealing: try SealingFuzzCheck.seeds()
        }
    }
}
