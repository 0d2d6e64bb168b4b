import TernCore
import TernTestKit
import TernWire
import Testing

/// Golden bytes written out by hand from the layout in SessionRecordCodec.swift (docs/PROTOCOL.md):
/// a change here is a wire and snapshot format change.
@Suite("SessionRecordCodec golden bytes")
struct SessionRecordGoldenTests {
    static let session = StoreRecord.session(
        Session(
            key: SessionKey(context: "shop", id: "A1"), created: 1000, lastAccessed: 2000, maxInactiveSeconds: 1800,
            version: Version(
                physical: 0x0102_0304_0506_0708, logical: 9,
                origin: MemberID(high: 0x1112_1314_1516_1718, low: 0x191A_1B1C_1D1E_1F20)),
            attributes: Attributes([
                Attribute(name: "user", value: Array("bob".utf8)), Attribute(name: "a", value: [0x00, 0xFF]),
            ])))

    static let sessionBytes = Hex.bytes(
        """
        01                                  | kind: session
        0004 73686f70                       | context "shop"
        0002 4131                           | id "A1"
        0102030405060708                    | version physical
        00000009                            | version logical
        1112131415161718 191a1b1c1d1e1f20   | version origin
        00000000000003e8                    | created 1000
        00000000000007d0                    | last accessed 2000
        00000708                            | max inactive 1800
        00000002                            | attribute count
        0001 61   00000002 00ff             | "a" = 00 ff
        0004 75736572 00000003 626f62       | "user" = "bob"
        """.split(separator: "\n").map { $0.split(separator: "|")[0] }.joined())

    static let tombstone = StoreRecord.tombstone(
        Tombstone(
            key: SessionKey(context: "shop", id: "A1"),
            version: Version(physical: 16, logical: 0, origin: MemberID(high: 0, low: 1)), retainUntil: -1))

    static let tombstoneBytes = Hex.bytes(
        """
        02                                  | kind: tombstone
        0004 73686f70                       | context "shop"
        0002 4131                           | id "A1"
        0000000000000010                    | version physical
        00000000                            | version logical
        0000000000000000 0000000000000001   | version origin
        ffffffffffffffff                    | retain until -1
        """.split(separator: "\n").map { $0.split(separator: "|")[0] }.joined())

    @Test func sessionEncodesToTheGoldenBytes() {
        #expect(Hex.string(Wire.encode(Self.session)) == Hex.string(Self.sessionBytes))
    }

    @Test func goldenSessionBytesDecode() throws {
        #expect(try Wire.decode(Self.sessionBytes) == Self.session)
    }

    @Test func tombstoneEncodesToTheGoldenBytes() {
        #expect(Hex.string(Wire.encode(Self.tombstone)) == Hex.string(Self.tombstoneBytes))
    }

    @Test func goldenTombstoneBytesDecode() throws {
        #expect(try Wire.decode(Self.tombstoneBytes) == Self.tombstone)
    }

    @Test func kindNumbersAreStable() {
        #expect(SessionRecordCodec.sessionKind == 1)
        #expect(SessionRecordCodec.tombstoneKind == 2)
    }
}
