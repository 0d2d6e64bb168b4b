import TernCommandSupport
import TernCore
import TernSnapshot
import TernTestKit
import Testing

@testable import TernCommands

/// Decoding errors name the field by its dotted path and say what was expected and what was found.
@Suite("Record JSON errors")
struct RecordJSONErrorTests {
    static let missing = "found nothing (the field is missing)"
    static let rfc3339 = "expected an RFC 3339 time such as 2026-01-01T00:00:00.000Z"
    static let valueForm = "expected a string or {\"base64\": \"…\"}"

    static var session: JSONObject {
        RecordJSON.encode(
            .session(
                Samples.session("abc", version: Samples.version(5, origin: Samples.memberB), attributes: ["cart": "3"]))
        )
    }

    static var tombstone: JSONObject {
        RecordJSON.encode(Samples.tombstone("gone", version: Samples.version(9)))
    }

    static var header: JSONObject {
        RecordJSON.encode(
            SnapshotHeader(
                writer: "w", created: 0, cluster: "c",
                versionVector: VersionVector([Samples.version(1), Samples.version(2, origin: Samples.memberB)])))
    }

    private func error(
        _ object: JSONObject, kind: String = "session", setting field: String, to value: JSONValue?
    ) -> RecordJSON.FieldError? {
        do {
            _ = try RecordJSON.decodeRecord(object.setting(field, to: value), kind: kind)
            return nil
        } catch {
            return error
        }
    }

    private func headerError(setting field: String, to value: JSONValue?) -> RecordJSON.FieldError? {
        do {
            _ = try RecordJSON.decodeHeader(Self.header.setting(field, to: value))
            return nil
        } catch {
            return error
        }
    }

    @Test func theUnmodifiedObjectsDecode() throws {
        _ = try RecordJSON.decodeRecord(Self.session, kind: "session")
        _ = try RecordJSON.decodeRecord(Self.tombstone, kind: "tombstone")
        _ = try RecordJSON.decodeHeader(Self.header)
    }

    @Test func missingIdNamesIdAndSaysItIsMissing() {
        let failure = error(Self.session, setting: "id", to: nil)
        #expect(failure == RecordJSON.FieldError(field: "id", message: "expected a string, \(Self.missing)"))
        #expect(failure?.description == "field \"id\": expected a string, found nothing (the field is missing)")
    }

    @Test(arguments: [
        ("context", JSONValue.int(1), "expected a string, found a number"),
        ("context", .null, "expected a string, found null"),
        ("id", .array([]), "expected a string, found an array"),
        ("id", .bool(true), "expected a string, found a boolean"),
        ("maxInactive", .string("1800"), "expected an integer, found a string"),
        ("maxInactive", .double(1.5), "expected an integer, found a number"),
        ("maxInactive", nil, "expected an integer, found nothing (the field is missing)"),
        ("created", .int(0), "expected a string, found a number"),
        ("lastAccessed", .object([:]), "expected a string, found an object"),
        ("version", .string("1.0@a"), "expected an object, found a string"),
        ("version", nil, "expected an object, found nothing (the field is missing)"),
        ("attributes", .array([]), "expected an object, found an array"),
        ("attributes", nil, "expected an object, found nothing (the field is missing)"),
    ])
    func wrongTypesNameTheFieldAndBothTypes(_ field: String, _ value: JSONValue?, _ message: String) {
        #expect(error(Self.session, setting: field, to: value) == RecordJSON.FieldError(field: field, message: message))
    }

    @Test(arguments: [Int64(Int32.max) + 1, Int64(Int32.min) - 1, .max, .min])
    func maxInactiveOutsideInt32IsRejectedWithTheValueAndRange(_ value: Int64) {
        let failure = error(Self.session, setting: "maxInactive", to: .int(value))
        #expect(
            failure
                == RecordJSON.FieldError(field: "maxInactive", message: "\(value) is outside -2147483648...2147483647"))
    }

    @Test func maxInactiveAtTheInt32LimitsIsAccepted() throws {
        for value in [Int64(Int32.max), Int64(Int32.min)] {
            let record = try RecordJSON.decodeRecord(
                Self.session.setting("maxInactive", to: .int(value)), kind: "session")
            #expect(record.session?.maxInactiveSeconds == Int32(value))
        }
    }

    @Test(arguments: ["created", "lastAccessed"])
    func timesMustBeRFC3339(_ field: String) {
        for text in ["yesterday", "2026-13-01T00:00:00Z", "2026-01-01T00:00:00", "now", ""] {
            #expect(
                error(Self.session, setting: field, to: .string(text))
                    == RecordJSON.FieldError(field: field, message: Self.rfc3339))
        }
    }

    @Test func versionFieldsAreNamedByTheirDottedPath() {
        let version = Self.session["version"]
        func failure(_ field: String, _ value: JSONValue?) -> RecordJSON.FieldError? {
            guard case .object(let object)? = version else { return nil }
            return error(Self.session, setting: "version", to: .object(object.setting(field, to: value)))
        }
        #expect(
            failure("origin", .string("xyz"))
                == RecordJSON.FieldError(field: "version.origin", message: "expected 32 hexadecimal digits"))
        #expect(failure("origin", .string(String(repeating: "g", count: 32)))?.field == "version.origin")
        #expect(
            failure("origin", .int(1))
                == RecordJSON.FieldError(field: "version.origin", message: "expected a string, found a number"))
        #expect(
            failure("origin", nil)
                == RecordJSON.FieldError(field: "version.origin", message: "expected a string, \(Self.missing)"))
        #expect(
            failure("physical", .int(-1))
                == RecordJSON.FieldError(field: "version.physical", message: "-1 is outside 0...9223372036854775807"))
        #expect(
            failure("physical", .double(1e30))
                == RecordJSON.FieldError(field: "version.physical", message: "expected an integer, found a number"))
        #expect(
            failure("logical", .int(1 << 32))
                == RecordJSON.FieldError(field: "version.logical", message: "4294967296 is outside 0...4294967295"))
        #expect(failure("logical", .string("0"))?.field == "version.logical")
    }

    @Test func attributeErrorsNameTheAttribute() {
        func failure(_ value: JSONValue) -> RecordJSON.FieldError? {
            error(Self.session, setting: "attributes", to: .object(["ok": .string("v"), "cart": value]))
        }
        #expect(
            failure(.int(3))
                == RecordJSON.FieldError(field: "attributes.cart", message: "\(Self.valueForm), found a number"))
        #expect(
            failure(.null) == RecordJSON.FieldError(field: "attributes.cart", message: "\(Self.valueForm), found null"))
        #expect(
            failure(.array([]))
                == RecordJSON.FieldError(field: "attributes.cart", message: "\(Self.valueForm), found an array"))
        #expect(
            failure(.object(["base64": .string("!!!!")]))
                == RecordJSON.FieldError(field: "attributes.cart.base64", message: "invalid base64"))
        #expect(
            failure(.object(["base64": .string("Zg=")]))
                == RecordJSON.FieldError(field: "attributes.cart.base64", message: "invalid base64"))
        #expect(
            failure(.object(["base64": .int(1)]))
                == RecordJSON.FieldError(field: "attributes.cart", message: Self.valueForm))
        #expect(
            failure(.object(["b64": .string("Zg==")]))
                == RecordJSON.FieldError(field: "attributes.cart", message: Self.valueForm))
        #expect(
            failure(.object(["base64": .string("Zg=="), "x": .null]))
                == RecordJSON.FieldError(field: "attributes.cart", message: Self.valueForm))
    }

    @Test func base64ObjectDecodesToItsBytes() throws {
        let object = Self.session.setting("attributes", to: .object(["bin": .object(["base64": .string("/wDD")])]))
        let record = try RecordJSON.decodeRecord(object, kind: "session")
        #expect(record.session?.attributes["bin"] == [0xFF, 0x00, 0xC3])
    }

    @Test func duplicateAttributeNamesAreRejected() {
        var attributes = JSONObject()
        attributes.append("a", .string("1"))
        attributes.append("a", .string("2"))
        let failure = error(Self.session, setting: "attributes", to: .object(attributes))
        #expect(failure == RecordJSON.FieldError(field: "attributes", message: "an attribute name appears twice"))
    }

    @Test func canonicallyEquivalentButDistinctAttributeNamesAreKept() throws {
        let object = Self.session.setting("attributes", to: .object(["é": .string("1"), "e\u{301}": .string("2")]))
        #expect(try RecordJSON.decodeRecord(object, kind: "session").session?.attributes.count == 2)
    }

    @Test func tombstoneNeedsRetainUntilButNoSessionFields() throws {
        #expect(
            error(Self.tombstone, kind: "tombstone", setting: "retainUntil", to: nil)
                == RecordJSON.FieldError(field: "retainUntil", message: "expected a string, \(Self.missing)"))
        #expect(
            error(Self.tombstone, kind: "tombstone", setting: "retainUntil", to: .string("soon"))
                == RecordJSON.FieldError(field: "retainUntil", message: Self.rfc3339))
        #expect(error(Self.tombstone, kind: "tombstone", setting: "id", to: nil)?.field == "id")
        #expect(error(Self.tombstone, kind: "session", setting: "kind", to: .string("session"))?.field == "created")
    }

    @Test func headerErrorsNameTheField() {
        #expect(
            headerError(setting: "writer", to: nil)
                == RecordJSON.FieldError(field: "writer", message: "expected a string, \(Self.missing)"))
        #expect(
            headerError(setting: "created", to: .string("x"))
                == RecordJSON.FieldError(field: "created", message: Self.rfc3339))
        #expect(
            headerError(setting: "sourceMember", to: .string("node-1"))
                == RecordJSON.FieldError(field: "sourceMember", message: "expected 32 hexadecimal digits"))
        #expect(
            headerError(setting: "sourceName", to: .int(0))
                == RecordJSON.FieldError(field: "sourceName", message: "expected a string, found a number"))
        #expect(headerError(setting: "cluster", to: nil)?.field == "cluster")
        #expect(
            headerError(setting: "versionVector", to: .object([:]))
                == RecordJSON.FieldError(field: "versionVector", message: "expected an array, found an object"))
        #expect(
            headerError(setting: "versionVector", to: nil)
                == RecordJSON.FieldError(field: "versionVector", message: "expected an array, \(Self.missing)"))
    }

    @Test func versionVectorEntriesAreNamedByIndex() {
        guard case .array(let entries)? = Self.header["versionVector"], case .object(let second) = entries[1] else {
            Issue.record("no version vector")
            return
        }
        let badOrigin = JSONValue.object(second.setting("origin", to: .string("zz")))
        #expect(
            headerError(setting: "versionVector", to: .array([entries[0], badOrigin]))
                == RecordJSON.FieldError(field: "versionVector[1].origin", message: "expected 32 hexadecimal digits"))
        #expect(
            headerError(setting: "versionVector", to: .array([.int(1)]))
                == RecordJSON.FieldError(field: "versionVector[0]", message: "expected an object, found a number"))
        #expect(
            headerError(
                setting: "versionVector", to: .array([entries[0], .object(second.setting("logical", to: .int(-1)))]))
                == RecordJSON.FieldError(field: "versionVector[1].logical", message: "-1 is outside 0...4294967295"))
    }
}

extension JSONObject {
    /// A copy with `key` replaced in place (or appended), or removed when `value` is nil.
    func setting(_ key: String, to value: JSONValue?) -> JSONObject {
        var copy = self
        if let index = copy.fields.firstIndex(where: { $0.key == key }) {
            if let value { copy.fields[index].value = value } else { copy.fields.remove(at: index) }
        } else if let value {
            copy.append(key, value)
        }
        return copy
    }
}
