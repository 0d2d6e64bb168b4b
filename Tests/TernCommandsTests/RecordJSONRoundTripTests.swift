import TernCommandSupport
import TernCore
import TernSnapshot
import TernTestKit
import Testing

@testable import TernCommands

@Suite("Record JSON round trip")
struct RecordJSONRoundTripTests {
    static let version = Version(physical: 1_767_225_600_123, logical: 7, origin: Samples.memberC)

    static let session = Session(
        key: SessionKey(context: "shop", id: "abc"), created: Samples.epoch - 5000, lastAccessed: Samples.epoch,
        maxInactiveSeconds: 1800, version: version,
        attributes: Attributes([
            Attribute(name: "cart", value: Array("3 items".utf8)), Attribute(name: "blob", value: [0xFF, 0x00, 0xC3]),
            Attribute(name: "empty", value: []),
        ]))

    /// encode → serialize → parse → decode, the path `cat | import` takes.
    static func throughText(_ record: StoreRecord) throws -> StoreRecord {
        let line = JSONValue.object(RecordJSON.encode(record)).serialized
        guard case .object(let object) = try JSONParser.parse(Array(line.utf8)),
            case .string(let kind)? = object["kind"]
        else { throw RecordJSON.FieldError(field: "kind", message: "not an object with a kind") }
        return try RecordJSON.decodeRecord(object, kind: kind)
    }

    @Test func encodesASessionWithFieldsInDocumentedOrder() {
        let object = RecordJSON.encode(.session(Self.session))
        #expect(
            object.fields.map(\.key) == [
                "kind", "context", "id", "created", "lastAccessed", "maxInactive", "version", "attributes",
            ])
        #expect(object["kind"] == .string("session"))
        #expect(object["created"] == .string("2025-12-31T23:59:55.000Z"))
        #expect(object["lastAccessed"] == .string("2026-01-01T00:00:00.000Z"))
        #expect(object["maxInactive"] == .int(1800))
        #expect(
            object["version"]
                == .object([
                    "physical": .int(1_767_225_600_123), "logical": .int(7),
                    "origin": .string("80000000000000000000000000000000"),
                ]))
    }

    @Test func encodesUTF8ValuesAsStringsAndOtherBytesAsBase64InNameOrder() {
        let object = RecordJSON.encode(.session(Self.session))
        #expect(
            object["attributes"]
                == .object([
                    "blob": .object(["base64": .string("/wDD")]), "cart": .string("3 items"), "empty": .string(""),
                ]))
    }

    @Test func encodesATombstoneWithoutSessionFields() {
        let tombstone = Tombstone(key: SessionKey(context: "shop", id: "gone"), version: Self.version, retainUntil: 0)
        let object = RecordJSON.encode(.tombstone(tombstone))
        #expect(object.fields.map(\.key) == ["kind", "context", "id", "version", "retainUntil"])
        #expect(object["kind"] == .string("tombstone"))
        #expect(object["retainUntil"] == .string("1970-01-01T00:00:00.000Z"))
    }

    @Test func sessionSurvivesEncodeAndDecode() throws {
        let record = StoreRecord.session(Self.session)
        #expect(try RecordJSON.decodeRecord(RecordJSON.encode(record), kind: "session") == record)
        #expect(try Self.throughText(record) == record)
    }

    @Test func tombstoneSurvivesEncodeAndDecode() throws {
        let record = StoreRecord.tombstone(
            Tombstone(key: SessionKey(context: "é", id: "\u{0}\"x"), version: Self.version, retainUntil: -1))
        #expect(try RecordJSON.decodeRecord(RecordJSON.encode(record), kind: "tombstone") == record)
        #expect(try Self.throughText(record) == record)
    }

    @Test func attributeNamesAreDecodedInCanonicalOrder() throws {
        var object = RecordJSON.encode(.session(Self.session))
        object.fields[object.fields.count - 1].value = .object(["z": .string("1"), "a": .string("2")])
        let record = try RecordJSON.decodeRecord(object, kind: "session")
        #expect(record.session?.attributes.names == ["a", "z"])
    }

    @Test func randomRecordsSurviveTheTextForm() throws {
        var random = TestRandom(seed: 0x5E55)
        for _ in 0..<500 {
            let record = Self.randomRecord(using: &random)
            #expect(try Self.throughText(record) == record)
        }
    }

    @Test func headerSurvivesEncodeAndDecode() throws {
        let header = SnapshotHeader(
            writer: "tern-snap 0.1.0", created: Samples.epoch + 1, sourceMember: Samples.memberC, sourceName: "node-1",
            cluster: "prod",
            versionVector: VersionVector([
                Samples.version(10, origin: Samples.memberB), Samples.version(20, 3, origin: Samples.memberA),
            ]))
        let object = RecordJSON.encode(header)
        #expect(
            object.fields.map(\.key) == [
                "kind", "format", "writer", "created", "sourceMember", "sourceName", "cluster", "versionVector",
            ])
        #expect(object["kind"] == .string("snapshot"))
        #expect(object["format"] == .int(Int64(SnapshotFormat.currentVersion)))
        guard case .array(let entries)? = object["versionVector"] else {
            Issue.record("versionVector is not an array")
            return
        }
        #expect(entries.count == 2)
        #expect(entries.first == RecordJSON.encode(Samples.version(20, 3, origin: Samples.memberA)))
        #expect(try RecordJSON.decodeHeader(object) == header)
        guard case .object(let parsed) = try JSONParser.parse(Array(JSONValue.object(object).serialized.utf8)) else {
            Issue.record("not an object")
            return
        }
        #expect(try RecordJSON.decodeHeader(parsed) == header)
    }

    @Test func headerWithEmptyVectorAndDefaultsSurvives() throws {
        let header = SnapshotHeader(writer: "", created: 0, cluster: "")
        #expect(try RecordJSON.decodeHeader(RecordJSON.encode(header)) == header)
    }

    static func randomRecord(using random: inout TestRandom) -> StoreRecord {
        let key = SessionKey(
            context: JSONRoundTripTests.string(using: &random), id: JSONRoundTripTests.string(using: &random))
        let version = Version(
            physical: UInt64.random(in: 0...UInt64(Int64.max), using: &random),
            logical: UInt32.random(in: 0 ... .max, using: &random),
            origin: MemberID.random(using: &random))
        let times: ClosedRange<Int64> = -62_167_219_200_000...253_402_300_799_999
        if Int.random(in: 0..<4, using: &random) == 0 {
            return .tombstone(
                Tombstone(key: key, version: version, retainUntil: Int64.random(in: times, using: &random)))
        }
        var attributes: [Attribute] = []
        for _ in 0..<Int.random(in: 0...5, using: &random) {
            let value =
                Bool.random(using: &random)
                ? Array(JSONRoundTripTests.string(using: &random).utf8)
                : random.bytes(Int.random(in: 0...40, using: &random))
            attributes.append(Attribute(name: JSONRoundTripTests.string(using: &random), value: value))
        }
        return .session(
            Session(
                key: key, created: Int64.random(in: times, using: &random),
                lastAccessed: Int64.random(in: times, using: &random),
                maxInactiveSeconds: Int32.random(in: .min ... .max, using: &random), version: version,
                attributes: Attributes(attributes)))
    }
}
