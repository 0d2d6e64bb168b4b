import NIOCore
import TernCommandSupport
import TernCommands
import TernCore
import TernSnapshot
import TernWire

/// The JSON import target: an input is JSON Lines as `tern-snap import` reads them. Each line that
/// is not blank must fail with `JSONParser.SyntaxError` or parse to a value that prints and parses
/// back to itself; a `session`, `tombstone` or `snapshot` object must fail with
/// `RecordJSON.FieldError` or convert to a record (header) whose JSON form converts back to it, and
/// a record the snapshot encoder accepts must come out of the binary codec unchanged.
enum JSONImportFuzzCheck {
    static func check(_ input: [UInt8]) throws(FuzzViolation) -> Bool {
        var accepted = true
        for var line in input.split(separator: 0x0A, omittingEmptySubsequences: true) {
            // As LineReader hands lines to import: without the terminator and a trailing \r.
            if line.last == 0x0D { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            if try !checkLine(Array(line)) { accepted = false }
        }
        return accepted
    }

    /// Checks one line; returns whether it parsed (and, for a record or header, converted).
    private static func checkLine(_ line: [UInt8]) throws(FuzzViolation) -> Bool {
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            _ = error.description
            return false
        }
        try require(reparsed(value) == value, "a parsed JSON value prints as text that parses to another value")
        guard case .object(let object) = value, case .string(let kind)? = object["kind"] else { return true }
        switch kind {
        case "session", "tombstone":
            let record: StoreRecord
            do {
                record = try RecordJSON.decodeRecord(object, kind: kind)
            } catch {
                _ = error.description
                return false
            }
            let again = reparsed(.object(RecordJSON.encode(record)))
            guard case .object(let printed)? = again,
                case .success(record) = Result(catching: { () throws(RecordJSON.FieldError) in
                    try RecordJSON.decodeRecord(printed, kind: kind)
                })
            else { throw FuzzViolation("an imported \(kind) printed as cat prints it imports as something else") }
            try throughBinaryCodec(record)
        case "snapshot":
            let header: SnapshotHeader
            do {
                header = try RecordJSON.decodeHeader(object)
            } catch {
                _ = error.description
                return false
            }
            let again = reparsed(.object(RecordJSON.encode(header)))
            guard case .object(let printed)? = again,
                case .success(header) = Result(catching: { () throws(RecordJSON.FieldError) in
                    try RecordJSON.decodeHeader(printed)
                })
            else { throw FuzzViolation("an imported snapshot header printed as cat prints it imports as something else") }
        default:
            break
        }
        return true
    }

    /// `value` printed compactly and parsed again; nil when its text does not parse.
    private static func reparsed(_ value: JSONValue) -> JSONValue? {
        var text: [UInt8] = []
        value.write(to: &text)
        return try? JSONParser.parse(text)
    }

    /// A record the snapshot encoder accepts goes through the binary record codec unchanged.
    private static func throughBinaryCodec(_ record: StoreRecord) throws(FuzzViolation) {
        do {
            try SessionRecordCodec.validateForEncoding(record)
        } catch {
            _ = error.description
            return
        }
        var buffer = ByteBuffer()
        SessionRecordCodec.encode(record, into: &buffer)
        let decoded = Result { () throws(RecordDecodingError) in try SessionRecordCodec.decode(&buffer) }
        try require(decoded == .success(record), "an imported record comes out of the binary codec changed")
    }

    static func seeds() -> [(name: String, bytes: [UInt8])] {
        let origin = "0000000000000000000000000000000a"
        let version = "{\"physical\":1767225600000,\"logical\":0,\"origin\":\"\(origin)\"}"
        let lines: [(String, String)] = [
            (
                "snapshot-header",
                "{\"kind\":\"snapshot\",\"format\":1,\"writer\":\"tern-snap 0.1\",\"created\":\"2026-01-01T00:00:00.000Z\","
                    + "\"sourceMember\":\"\(origin)\",\"sourceName\":\"node-1\",\"cluster\":\"prod\",\"versionVector\":[\(version)]}"
            ),
            (
                "session",
                "{\"kind\":\"session\",\"context\":\"shop\",\"id\":\"s1\",\"created\":\"2026-01-01T00:00:00.000Z\","
                    + "\"lastAccessed\":\"2026-01-01T00:10:00.500Z\",\"maxInactive\":1800,\"version\":\(version),"
                    + "\"attributes\":{\"cart\":\"3 items\",\"bin\":{\"base64\":\"AP+A\"},\"esc\":\"tab\\there \\u00e9 \\ud83d\\ude00\"}}"
            ),
            (
                "tombstone",
                "{\"kind\":\"tombstone\",\"context\":\"shop\",\"id\":\"s2\",\"version\":\(version),"
                    + "\"retainUntil\":\"2026-01-01T01:00:00.000Z\"}"
            ),
            (
                "session-no-attributes",
                "{\"kind\":\"session\",\"context\":\"\",\"id\":\"\",\"created\":\"1970-01-01T00:00:00.000Z\","
                    + "\"lastAccessed\":\"1970-01-01T00:00:00.000Z\",\"maxInactive\":-1,\"version\":\(version),\"attributes\":{}}"
            ),
            ("values", "[null,true,false,0,-12,3.25,-1e-3,1E+2,\"\",\"\\\"\\\\\\/\\b\\f\\n\\r\\t\",{},[[]]]"),
            ("number-limits", "[9223372036854775807,-9223372036854775808,9223372036854775808,1.7976931348623157e308]"),
        ]
        var seeds = lines.map { ($0.0, Array(($0.1 + "\n").utf8)) }
        // A whole import: header, records and a blank line, with CRLF endings.
        seeds.append(("import-crlf", Array(lines.prefix(3).map { $0.1 + "\r\n" }.joined(separator: " \r\n").utf8)))
        return seeds
    }
}
