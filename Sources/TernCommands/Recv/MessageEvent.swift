import TernCommandSupport
import TernCore

/// One line of a replication stream as tern-recv and `tern-xfer watch` print it: text for people,
/// or a JSON object (`"event": "message"`). A touch batch is one line per session touched. Values
/// appear only with `--reveal` (DESIGN.md §6).
///
/// JSON fields: event, time (when it was printed), kind (put, delta, touch, expire, change-id),
/// context, id, version (printed form), origin (member id), and as they apply: attributes (count),
/// bytes (sum of value sizes), values (with --reveal), base, removed, lastAccessed, retainUntil,
/// newId; tern-recv adds outcome and peer.
struct MessageEvent {
    /// The kind, as in `ReplicationMessage.kindName`.
    var kind: String
    /// The session's key.
    var key: SessionKey
    /// The version the message brings the session to.
    var version: Version
    /// Extra JSON fields, in order.
    var fields: JSONObject = [:]
    /// Extra words for the text line.
    var details: [String] = []

    /// The lines of `message`.
    static func events(of message: ReplicationMessage, reveal: Bool) -> [MessageEvent] {
        switch message {
        case .put(let session):
            var event = MessageEvent(kind: "put", key: session.key, version: session.version)
            event.describe(session.attributes, reveal: reveal)
            event.fields.append("lastAccessed", .string(Timestamp.format(session.lastAccessed)))
            return [event]
        case .delta(let delta):
            var event = MessageEvent(kind: "delta", key: delta.key, version: delta.version)
            event.fields.append("base", .string(delta.base.description))
            event.describe(delta.set, reveal: reveal)
            event.fields.append("removed", .array(delta.remove.map { .string($0) }))
            event.details.append("on \(delta.base)")
            if !delta.remove.isEmpty { event.details.append("\(delta.remove.count) removed") }
            return [event]
        case .touch(let touches):
            return touches.map { touch in
                var event = MessageEvent(kind: "touch", key: touch.key, version: touch.version)
                event.fields.append("lastAccessed", .string(Timestamp.format(touch.lastAccessed)))
                event.details.append("at \(Timestamp.format(touch.lastAccessed))")
                return event
            }
        case .expire(let tombstone):
            var event = MessageEvent(kind: "expire", key: tombstone.key, version: tombstone.version)
            event.fields.append("retainUntil", .string(Timestamp.format(tombstone.retainUntil)))
            return [event]
        case .changeID(let change):
            var event = MessageEvent(kind: "change-id", key: change.key, version: change.version)
            event.fields.append("newId", .string(change.newID))
            event.fields.append("base", .string(change.base.description))
            event.details.append("to \(change.newID)")
            return [event]
        }
    }

    private mutating func describe(_ attributes: Attributes, reveal: Bool) {
        fields.append("attributes", .int(Int64(attributes.count)))
        fields.append("bytes", .int(Int64(attributes.valueBytes)))
        details.append("\(attributes.count) attributes, \(ByteCount.format(Int64(attributes.valueBytes)))")
        guard reveal else { return }
        var values = JSONObject()
        for attribute in attributes { values.append(attribute.name, RecordJSON.encodeValue(attribute.value)) }
        fields.append("values", .object(values))
        let texts = attributes.map { "\($0.name)=\(Self.revealText($0.value))" }
        details.append(contentsOf: texts)
    }

    /// A value for a text line: the text when it is short printable UTF-8, else its size.
    private static func revealText(_ value: [UInt8]) -> String {
        if value.count <= 80, let text = String(validating: value, as: UTF8.self),
            !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        {
            return "\"\(text)\""
        }
        return "<\(value.count) bytes>"
    }

    /// The JSON object, with `extra` fields (outcome, peer) after the common ones.
    func json(time: UnixMillis, extra: JSONObject = [:]) -> JSONValue {
        var object: JSONObject = [
            "event": .string("message"), "time": .string(Timestamp.format(time)), "kind": .string(kind),
            "context": .string(key.context), "id": .string(key.id), "version": .string(version.description),
            "origin": .string(version.origin.description),
        ]
        for (name, value) in extra.fields { object.append(name, value) }
        for (name, value) in fields.fields { object.append(name, value) }
        return .object(object)
    }

    /// The text line: `TIME KIND CONTEXT/ID VERSION [PREFIX] DETAILS`.
    func text(time: UnixMillis, prefix: [String] = []) -> String {
        ([Timestamp.format(time), kind, "\(key)", version.description] + prefix + details).joined(separator: " ")
    }
}

extension ReplicationOutcome {
    /// `applied`, `duplicate`, `stale`, `needs-full-session`, `touched`, `rejected`.
    var name: String {
        switch self {
        case .applied: "applied"
        case .duplicate: "duplicate"
        case .stale: "stale"
        case .needsFullSession: "needs-full-session"
        case .touched: "touched"
        case .rejected: "rejected"
        }
    }

    /// Extra JSON fields: the version held for a stale message, the reason of a rejection.
    var jsonDetails: JSONObject {
        switch self {
        case .stale(let held): ["held": .string(held.description)]
        case .rejected(let rejection): ["reason": .string(rejection.description)]
        case .touched(let tally):
            [
                "moved": .int(Int64(tally.moved)), "unchanged": .int(Int64(tally.unchanged)),
                "ignored": .int(Int64(tally.ignored)),
            ]
        default: [:]
        }
    }
}
