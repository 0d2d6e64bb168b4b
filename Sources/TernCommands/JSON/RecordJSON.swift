import TernCommandSupport
import TernCore
import TernSnapshot

/// The JSON form of snapshot records and headers: what `tern-snap cat` prints and `import` reads
/// (field reference in man tern-snap and docs/SNAPSHOT.md §"JSON Lines export").
public enum RecordJSON {
    /// Why a JSON line is not a record: the field and what was expected.
    public struct FieldError: Error, Equatable, CustomStringConvertible {
        /// Dotted path of the field, e.g. `version.origin`.
        public var field: String
        /// What was expected.
        public var message: String
        /// `field "id": expected a string, found a number`.
        public var description: String { "field \"\(field)\": \(message)" }
    }

    /// A session or tombstone as a JSON object; values as text when they are UTF-8, else base64.
    public static func encode(_ record: StoreRecord) -> JSONObject {
        var object: JSONObject
        switch record {
        case .session(let session):
            object = [
                "kind": .string("session"), "context": .string(session.key.context), "id": .string(session.key.id),
                "created": .string(Timestamp.format(session.created)),
                "lastAccessed": .string(Timestamp.format(session.lastAccessed)),
                "maxInactive": .int(Int64(session.maxInactiveSeconds)), "version": encode(session.version),
            ]
            var attributes = JSONObject()
            for attribute in session.attributes {
                attributes.append(attribute.name, encodeValue(attribute.value))
            }
            object.append("attributes", .object(attributes))
        case .tombstone(let tombstone):
            object = [
                "kind": .string("tombstone"), "context": .string(tombstone.key.context),
                "id": .string(tombstone.key.id), "version": encode(tombstone.version),
                "retainUntil": .string(Timestamp.format(tombstone.retainUntil)),
            ]
        }
        return object
    }

    /// An attribute value: a JSON string when the bytes are UTF-8, else `{"base64": "…"}`.
    public static func encodeValue(_ bytes: [UInt8]) -> JSONValue {
        if let text = String(validating: bytes, as: UTF8.self) { return .string(text) }
        return .object(["base64": .string(Base64.encode(bytes))])
    }

    /// A version as `{"physical": ms, "logical": n, "origin": "32 hex digits"}`.
    public static func encode(_ version: Version) -> JSONValue {
        .object([
            "physical": .int(Int64(clamping: version.physical)), "logical": .int(Int64(version.logical)),
            "origin": .string(version.origin.description),
        ])
    }

    /// The header line that opens `cat` output (`"kind": "snapshot"`).
    public static func encode(_ header: SnapshotHeader) -> JSONObject {
        [
            "kind": .string("snapshot"), "format": .int(Int64(header.formatVersion)), "writer": .string(header.writer),
            "created": .string(Timestamp.format(header.created)), "sourceMember": .string(header.sourceMember.description),
            "sourceName": .string(header.sourceName), "cluster": .string(header.cluster),
            "versionVector": .array(header.versionVector.sortedVersions.map(encode)),
        ]
    }

    /// Decodes a `session` or `tombstone` object.
    public static func decodeRecord(_ object: JSONObject, kind: String) throws(FieldError) -> StoreRecord {
        let fields = Fields(object: object, prefix: "")
        let key = SessionKey(context: try fields.string("context"), id: try fields.string("id"))
        let version = try fields.version("version")
        if kind == "tombstone" {
            return .tombstone(Tombstone(key: key, version: version, retainUntil: try fields.time("retainUntil")))
        }
        let created = try fields.time("created")
        let lastAccessed = try fields.time("lastAccessed")
        let maxInactive = try fields.integer("maxInactive", in: Int64(Int32.min)...Int64(Int32.max))
        guard case .object(let values)? = object["attributes"] else {
            throw FieldError(field: "attributes", message: expectation("an object", object["attributes"]))
        }
        var attributes: [Attribute] = []
        for (name, value) in values.fields {
            attributes.append(Attribute(name: name, value: try decodeValue(value, field: "attributes." + name)))
        }
        let canonical = Attributes(attributes)
        guard canonical.count == attributes.count else {
            throw FieldError(field: "attributes", message: "an attribute name appears twice")
        }
        return .session(
            Session(
                key: key, created: created, lastAccessed: lastAccessed, maxInactiveSeconds: Int32(maxInactive),
                version: version, attributes: canonical))
    }

    /// Decodes a `snapshot` header line.
    public static func decodeHeader(_ object: JSONObject) throws(FieldError) -> SnapshotHeader {
        let fields = Fields(object: object, prefix: "")
        let writer = try fields.string("writer")
        let created = try fields.time("created")
        let memberText = try fields.string("sourceMember")
        guard let member = MemberID(hex: memberText) else {
            throw FieldError(field: "sourceMember", message: "expected 32 hexadecimal digits")
        }
        let name = try fields.string("sourceName")
        let cluster = try fields.string("cluster")
        guard case .array(let entries)? = object["versionVector"] else {
            throw FieldError(field: "versionVector", message: expectation("an array", object["versionVector"]))
        }
        var vector = VersionVector()
        for (index, entry) in entries.enumerated() {
            var entryFields = Fields(object: .init(), prefix: "")
            vector.include(try entryFields.version(value: entry, field: "versionVector[\(index)]"))
        }
        return SnapshotHeader(
            writer: writer, created: created, sourceMember: member, sourceName: name, cluster: cluster,
            versionVector: vector)
    }

    static func decodeValue(_ value: JSONValue, field: String) throws(FieldError) -> [UInt8] {
        switch value {
        case .string(let text):
            return Array(text.utf8)
        case .object(let object):
            guard object.fields.count == 1, case .string(let encoded)? = object["base64"] else {
                throw FieldError(field: field, message: "expected a string or {\"base64\": \"…\"}")
            }
            guard let bytes = Base64.decode(encoded) else {
                throw FieldError(field: field + ".base64", message: "invalid base64")
            }
            return bytes
        default:
            throw FieldError(field: field, message: expectation("a string or {\"base64\": \"…\"}", value))
        }
    }

    static func expectation(_ expected: String, _ found: JSONValue?) -> String {
        "expected \(expected), found \(found?.typeName ?? "nothing (the field is missing)")"
    }

    /// Typed access to an object's fields with errors that name the field.
    struct Fields {
        let object: JSONObject
        let prefix: String

        init(object: JSONObject, prefix: String) {
            self.object = object
            self.prefix = prefix
        }

        func string(_ name: String) throws(FieldError) -> String {
            guard case .string(let value)? = object[name] else {
                throw FieldError(field: prefix + name, message: expectation("a string", object[name]))
            }
            return value
        }

        func integer(_ name: String, in range: ClosedRange<Int64>) throws(FieldError) -> Int64 {
            guard case .int(let value)? = object[name] else {
                throw FieldError(field: prefix + name, message: expectation("an integer", object[name]))
            }
            guard range.contains(value) else {
                throw FieldError(field: prefix + name, message: "\(value) is outside \(range.lowerBound)...\(range.upperBound)")
            }
            return value
        }

        func time(_ name: String) throws(FieldError) -> UnixMillis {
            let text = try string(name)
            guard let value = Timestamp.parse(text, now: 0), text != "now" else {
                throw FieldError(field: prefix + name, message: "expected an RFC 3339 time such as 2026-01-01T00:00:00.000Z")
            }
            return value
        }

        func version(_ name: String) throws(FieldError) -> Version {
            guard let value = object[name] else {
                throw FieldError(field: prefix + name, message: expectation("an object", nil))
            }
            var copy = self
            return try copy.version(value: value, field: prefix + name)
        }

        mutating func version(value: JSONValue, field: String) throws(FieldError) -> Version {
            guard case .object(let object) = value else {
                throw FieldError(field: field, message: expectation("an object", value))
            }
            let fields = Fields(object: object, prefix: field + ".")
            let physical = try fields.integer("physical", in: 0...Int64.max)
            let logical = try fields.integer("logical", in: 0...Int64(UInt32.max))
            let originText = try fields.string("origin")
            guard let origin = MemberID(hex: originText) else {
                throw FieldError(field: field + ".origin", message: "expected 32 hexadecimal digits")
            }
            return Version(physical: UInt64(physical), logical: UInt32(logical), origin: origin)
        }
    }
}
