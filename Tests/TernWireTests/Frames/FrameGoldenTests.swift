import TernCore
import TernTestKit
import TernWire
import Testing

/// Golden bytes written out by hand from docs/PROTOCOL.md, "Frames"; the CRC32C values were computed
/// by a separate bit-at-a-time implementation. A change here is a wire format change.
@Suite("Frame golden bytes")
struct FrameGoldenTests {
    /// Hex digits of an annotated fixture: text after `|` on each line is a comment.
    static func fixture(_ text: String) -> [UInt8] {
        Hex.bytes(text.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false)[0] }.joined())
    }

    static let memberA = MemberID(high: 0, low: 1)

    static let cases: [(name: String, item: ReplicationItem, bytes: [UInt8])] = [
        (
            "preface",
            .preface(FrameWire.preface),
            fixture(
                """
                89 54 52 45 50 4c 0d 0a             | magic \\x89TREPL\\r\\n
                0001                                | protocol version 1
                0004 70726f64                       | domain "prod"
                0102030405060708 090a0b0c0d0e0f10   | member id
                """)
        ),
        (
            "ping",
            .frame(Frame(sequence: 1, body: .ping(nonce: 0x0123_4567_89AB_CDEF))),
            fixture(
                """
                0c                                  | type 12 ping
                00                                  | flags
                0000000000000001                    | sequence 1
                00000008                            | payload length 8
                0123456789abcdef                    | nonce
                8747551e                            | CRC32C of the 22 bytes above
                """)
        ),
        (
            "ack",
            .frame(Frame(sequence: 2, body: .ack(sequence: 1))),
            fixture(
                """
                06 00 0000000000000002 00000008     | ack, sequence 2, length 8
                0000000000000001                    | acknowledged sequence 1
                d45c6632                            | CRC32C
                """)
        ),
        (
            "nack",
            .frame(Frame(sequence: 3, body: .nack(sequence: 7, reason: .needsFullSession, detail: "no base"))),
            fixture(
                """
                07 00 0000000000000003 00000013     | nack, sequence 3, length 19
                0000000000000007                    | refused sequence 7
                0001                                | reason 1: needs full session
                0007 6e6f2062617365                 | detail "no base"
                c289e0fb                            | CRC32C
                """)
        ),
        (
            "put",
            .frame(Frame(sequence: 42, flags: .ackRequested, body: .message(.put(putSession)))),
            fixture(
                """
                01 01 000000000000002a 00000055     | put, ack requested, sequence 42, length 85
                01                                  | record kind: session
                0004 73686f70 0002 4131             | "shop" / "A1"
                0102030405060708 00000009           | version physical, logical
                1112131415161718 191a1b1c1d1e1f20   | version origin
                00000000000003e8 00000000000007d0   | created 1000, last accessed 2000
                00000708                            | max inactive 1800
                00000002                            | attribute count
                0001 61   00000002 00ff             | "a" = 00 ff
                0004 75736572 00000003 626f62       | "user" = "bob"
                51f11e22                            | CRC32C
                """)
        ),
        (
            "delta",
            .frame(
                Frame(
                    sequence: 43, flags: .ackRequested,
                    body: .message(
                        .delta(
                            SessionDelta(
                                key: SessionKey(context: "shop", id: "A1"),
                                base: Version(physical: 16, logical: 0, origin: memberA),
                                version: Version(physical: 17, logical: 0, origin: memberA), lastAccessed: 2000,
                                maxInactiveSeconds: 1800, set: Attributes([Attribute(name: "user", value: Array("bob".utf8))]),
                                remove: ["a"]))))),
            fixture(
                """
                02 01 000000000000002b 00000066     | delta, ack requested, sequence 43, length 102
                0004 73686f70 0002 4131             | "shop" / "A1"
                0000000000000010 00000000           | base version 16.0
                0000000000000000 0000000000000001   | base origin
                0000000000000011 00000000           | version 17.0
                0000000000000000 0000000000000001   | origin
                00000000000007d0                    | last accessed 2000
                00000708                            | max inactive 1800
                00000001 0004 75736572 00000003 626f62 | set: "user" = "bob"
                00000001 0001 61                    | remove: "a"
                37a104fb                            | CRC32C
                """)
        ),
        (
            "state end",
            .frame(
                Frame(
                    sequence: 5,
                    body: .stateEnd(
                        StateEnd(
                            count: 2, digest: Array(0...31),
                            vector: VersionVector([Version(physical: 17, logical: 0, origin: memberA)]))))),
            fixture(
                """
                0a 00 0000000000000005 00000048     | state-end, sequence 5, length 72
                0000000000000002                    | record count 2
                000102030405060708090a0b0c0d0e0f    | SHA-256 (first half)
                101112131415161718191a1b1c1d1e1f    | SHA-256 (second half)
                00000001                            | version vector count
                0000000000000011 00000000           | version 17.0
                0000000000000000 0000000000000001   | origin
                d217b500                            | CRC32C
                """)
        ),
        (
            "state begin",
            .frame(
                Frame(
                    sequence: 6,
                    body: .stateBegin(
                        StateBegin(
                            header: fixture(
                                """
                                0004 7465726e 00000000000003e8 0000000000000000 0000000000000001
                                0000 0004 626c7565 00000001 0000000000000011 00000000
                                0000000000000000 0000000000000001
                                """))))),
            fixture(
                """
                0e 00 0000000000000006 00000046     | state-begin, sequence 6, length 70
                0004 7465726e                       | snapshot header: writer "tern"
                00000000000003e8                    | created 1000
                0000000000000000 0000000000000001   | source member
                0000                                | source name ""
                0004 626c7565                       | cluster "blue"
                00000001                            | version vector count
                0000000000000011 00000000           | version 17.0
                0000000000000000 0000000000000001   | origin
                ce84ef63                            | CRC32C
                """)
        ),
    ]

    static var putSession: Session {
        guard case .session(let session) = SessionRecordGoldenTests.session else { fatalError("fixture is a session") }
        return session
    }

    @Test(arguments: cases.indices)
    func encodesToTheGoldenBytes(index: Int) throws {
        let (name, item, bytes) = Self.cases[index]
        #expect(Hex.string(try FrameWire.encode([item])) == Hex.string(bytes), "\(name)")
    }

    @Test(arguments: cases.indices)
    func goldenBytesDecode(index: Int) throws {
        let (name, item, bytes) = Self.cases[index]
        let isPreface = if case .preface = item { true } else { false }
        let decoded = try FrameWire.decodeAll(bytes, expectsPreface: isPreface)
        #expect(decoded.items == [item], "\(name)")
        #expect(decoded.leftover == 0, "\(name)")
    }

    @Test func typeNumbersAreTheRegisteredOnes() {
        // Append-only registry (docs/PROTOCOL.md, "Frame types"): renumbering breaks every peer.
        let registry: [FrameType: UInt8] = [
            .put: 1, .delta: 2, .touch: 3, .expire: 4, .changeID: 5, .ack: 6, .nack: 7, .stateRequest: 8,
            .stateChunk: 9, .stateEnd: 10, .subscribe: 11, .ping: 12, .pong: 13, .stateBegin: 14, .digest: 15,
            .digestDifference: 16, .digestEntries: 17, .recordRequest: 18,
        ]
        #expect(FrameType.allCases.count == registry.count)
        for type in FrameType.allCases { #expect(type.rawValue == registry[type], "\(type)") }
    }
}
