import TernCommandSupport
import TernCore
import TernSnapshot

/// Prints `diff` results as text lines or JSON Lines and counts them.
struct DiffReport {
    let json: Bool
    let reveal: Bool
    var added = 0
    var removed = 0
    var changed = 0
    var compared = 0

    init(json: Bool, reveal: Bool) {
        self.json = json
        self.reveal = reveal
    }

    var total: Int { added + removed + changed }

    mutating func emit(_ difference: SessionDifference) throws {
        switch difference.kind {
        case .added: added += 1
        case .removed: removed += 1
        case .changed: changed += 1
        }
        let out = StandardOutput.shared
        if json {
            try out.line(JSONValue.object(jsonObject(difference)))
        } else {
            try out.line(text(difference))
        }
    }

    func finish() throws {
        let out = StandardOutput.shared
        if json {
            try out.line(JSONValue.object([
                "kind": .string("summary"), "added": .int(Int64(added)), "removed": .int(Int64(removed)),
                "changed": .int(Int64(changed)), "compared": .int(Int64(compared)),
            ]).serialized)
        } else if total > 0 {
            try out.line("\(total) sessions differ: \(added) added, \(removed) removed, \(changed) changed")
        }
    }

    private func text(_ difference: SessionDifference) -> String {
        let key = difference.key.description
        switch difference.kind {
        case .added: return "+ \(key)  \(summary(difference.after!))"
        case .removed: return "- \(key)  \(summary(difference.before!))"
        case .changed:
            let before = difference.before!
            let after = difference.after!
            var parts: [String] = []
            for field in difference.fields {
                switch field {
                case "version": parts.append("version \(before.version) → \(after.version)")
                case "created": parts.append("created \(Timestamp.format(before.created)) → \(Timestamp.format(after.created))")
                case "lastAccessed":
                    parts.append("lastAccessed \(Timestamp.format(before.lastAccessed)) → \(Timestamp.format(after.lastAccessed))")
                default: parts.append("maxInactive \(before.maxInactiveSeconds)s → \(after.maxInactiveSeconds)s")
                }
            }
            for change in difference.attributes {
                switch (change.before, change.after) {
                case (nil, let value?):
                    parts.append("+\(change.name) \(ByteCount.format(Int64(value.count)))" + revealed(nil, value))
                case (let value?, nil):
                    parts.append("-\(change.name) \(ByteCount.format(Int64(value.count)))")
                case (let old?, let new?):
                    let delta = new.count - old.count
                    parts.append(
                        "\(change.name) \(ByteCount.format(Int64(old.count))) → \(ByteCount.format(Int64(new.count)))"
                            + " (\(delta >= 0 ? "+" : "")\(delta) B, \(ValueDigest.short(old)) → \(ValueDigest.short(new)))"
                            + revealed(old, new))
                default: break
                }
            }
            return "~ \(key)  " + parts.joined(separator: "; ")
        }
    }

    private func revealed(_ old: [UInt8]?, _ new: [UInt8]) -> String {
        guard reveal else { return "" }
        let newText = RecordJSON.encodeValue(new).serialized
        guard let old else { return ": \(newText)" }
        return ": \(RecordJSON.encodeValue(old).serialized) → \(newText)"
    }

    private func summary(_ session: Session) -> String {
        "\(session.attributes.count) attributes, \(ByteCount.format(Int64(session.attributes.valueBytes))), "
            + "version \(session.version)"
    }

    private func jsonObject(_ difference: SessionDifference) -> JSONObject {
        var object: JSONObject = [
            "kind": .string(difference.kind.rawValue), "context": .string(difference.key.context),
            "id": .string(difference.key.id),
        ]
        if difference.kind == .changed {
            object.append("fields", .array(difference.fields.map { .string($0) }))
            object.append("attributes", .array(difference.attributes.map(attributeJSON)))
        }
        if let before = difference.before { object.append("before", sessionJSON(before)) }
        if let after = difference.after { object.append("after", sessionJSON(after)) }
        return object
    }

    private func attributeJSON(_ change: SessionDifference.AttributeChange) -> JSONValue {
        let kind = change.before == nil ? "added" : change.after == nil ? "removed" : "changed"
        var object: JSONObject = ["name": .string(change.name), "change": .string(kind)]
        object.append("beforeBytes", change.before.map { .int(Int64($0.count)) } ?? .null)
        object.append("afterBytes", change.after.map { .int(Int64($0.count)) } ?? .null)
        object.append("beforeSha", change.before.map { .string(ValueDigest.short($0)) } ?? .null)
        object.append("afterSha", change.after.map { .string(ValueDigest.short($0)) } ?? .null)
        if reveal {
            object.append("before", change.before.map(RecordJSON.encodeValue) ?? .null)
            object.append("after", change.after.map(RecordJSON.encodeValue) ?? .null)
        }
        return .object(object)
    }

    private func sessionJSON(_ session: Session) -> JSONValue {
        var object: JSONObject = [
            "version": RecordJSON.encode(session.version), "lastAccessed": .string(Timestamp.format(session.lastAccessed)),
            "attributes": .int(Int64(session.attributes.count)), "bytes": .int(Int64(session.attributes.valueBytes)),
        ]
        if reveal {
            var values = JSONObject()
            for attribute in session.attributes { values.append(attribute.name, RecordJSON.encodeValue(attribute.value)) }
            object.append("values", .object(values))
        }
        return .object(object)
    }
}
