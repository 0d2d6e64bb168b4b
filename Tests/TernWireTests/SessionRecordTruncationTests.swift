import TernCore
import TernTestKit
import TernWire
import Testing

/// Every prefix of a valid encoding is an error that names the field the cut falls in.
@Suite("SessionRecordCodec truncation")
struct SessionRecordTruncationTests {
    /// One field of an encoding: the name a truncation inside it reports, and its size.
    struct Field {
        var name: String
        var size: Int
    }

    /// The fields of `record`'s encoding, in order, named as `FieldReader` names them.
    static func fields(of record: StoreRecord) -> [Field] {
        var fields = [
            Field(name: "record kind", size: 1),
            Field(name: "context length", size: 2), Field(name: "context", size: record.key.context.utf8.count),
            Field(name: "session id length", size: 2), Field(name: "session id", size: record.key.id.utf8.count),
            Field(name: "version", size: 8), Field(name: "version", size: 4),
            Field(name: "version origin", size: 8), Field(name: "version origin", size: 8),
        ]
        switch record {
        case .tombstone:
            fields.append(Field(name: "tombstone retention time", size: 8))
        case .session(let session):
            fields += [
                Field(name: "created time", size: 8), Field(name: "last access time", size: 8),
                Field(name: "max inactive interval", size: 4), Field(name: "attribute count", size: 4),
            ]
            for attribute in session.attributes {
                fields += [
                    Field(name: "attribute name length", size: 2),
                    Field(name: "attribute name", size: attribute.name.utf8.count),
                    Field(name: "attribute \"\(attribute.name)\" size", size: 4),
                    Field(name: "attribute \"\(attribute.name)\" value", size: attribute.value.count),
                ]
            }
        }
        return fields
    }

    /// The error a cut after `length` bytes must give.
    static func expectedError(_ record: StoreRecord, length: Int) -> RecordDecodingError {
        var start = 0
        for field in fields(of: record) {
            if field.name == "attribute name length", case .session(let session) = record {
                // Before the first attribute, the count is checked against the bytes left.
                let countStart = start - 4
                if start == SessionRecordCodec.encodedSize(of: record) - attributeBytes(session),
                    length - start < session.attributes.count * 6
                {
                    return RecordDecodingError(.truncated(field: "attributes"), at: countStart)
                }
            }
            if length < start + field.size {
                return RecordDecodingError(.truncated(field: field.name), at: start)
            }
            start += field.size
        }
        preconditionFailure("length \(length) is not a truncation")
    }

    static func attributeBytes(_ session: Session) -> Int {
        session.attributes.reduce(0) { $0 + 2 + $1.name.utf8.count + 4 + $1.value.count }
    }

    static let records: [StoreRecord] = [
        SessionRecordGoldenTests.session,
        SessionRecordGoldenTests.tombstone,
        .session(
            Session(
                key: SessionKey(context: "caf\u{E9}", id: "\u{1F600}"), created: 1, lastAccessed: 2, maxInactiveSeconds: -1,
                version: .zero, attributes: Attributes())),
        .session(
            Session(
                key: SessionKey(context: "", id: ""), created: 1, lastAccessed: 2, maxInactiveSeconds: 0, version: .zero,
                attributes: Attributes([
                    Attribute(name: "", value: []), Attribute(name: "e", value: []),
                    Attribute(name: "\u{4E2D}", value: Array(repeating: 7, count: 20)),
                ]))),
    ]

    @Test(arguments: records)
    func everyTruncationNamesTheFieldItCuts(_ record: StoreRecord) {
        let bytes = Wire.encode(record)
        for length in 0..<bytes.count {
            let error = Wire.error(Array(bytes.prefix(length)))
            #expect(error == Self.expectedError(record, length: length), "cut after \(length) of \(bytes.count) bytes")
        }
        #expect(Wire.error(bytes) == nil)
    }

    @Test func emptyInputIsTruncatedAtTheKind() {
        #expect(Wire.error([]) == RecordDecodingError(.truncated(field: "record kind"), at: 0))
    }

    @Test func truncationMessagesNameTheField() {
        let error = Wire.error(Array(Wire.encode(SessionRecordGoldenTests.tombstone).dropLast()))
        #expect(error?.description == "ends inside tombstone retention time")
    }
}
