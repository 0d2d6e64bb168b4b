import Foundation
import TernCore

/// A session as the API shows it: `{"context", "id", "created", "lastAccessed", "maxInactive",
/// "version", "attributes"}`, times in RFC 3339 UTC with milliseconds.
struct SessionJSON: Encodable {
    var context: String
    var id: String
    var created: String
    var lastAccessed: String
    var maxInactive: Int32
    var version: String
    var attributes: [String: AttributeJSON]

    init(_ session: Session) {
        context = session.key.context
        id = session.key.id
        created = Timestamp.format(session.created)
        lastAccessed = Timestamp.format(session.lastAccessed)
        maxInactive = session.maxInactiveSeconds
        version = VersionText.format(session.version)
        var attributes: [String: AttributeJSON] = [:]
        for attribute in session.attributes {
            attributes[attribute.name] = AttributeValueCoding.value(of: attribute.value)
        }
        self.attributes = attributes
    }
}

/// The body of POST and PUT: both fields optional on POST.
struct SessionBody: Decodable {
    var attributes: [String: AttributeJSON]?
    var maxInactive: Int32?
}

/// The body of PATCH.
struct PatchBody: Decodable {
    var set: [String: AttributeJSON]?
    var remove: [String]?
    var maxInactive: Int32?
}

/// A page of ids: `{"context", "ids", "next"}`; `next` is the `after` of the following page.
struct SessionListJSON: Encodable {
    var context: String
    var ids: [String]
    var next: String?
}

/// Versions in headers and bodies: `physical.logical.origin` with the origin's 32 hex digits.
public enum VersionText {
    /// The text of `version`.
    public static func format(_ version: Version) -> String {
        "\(version.physical).\(version.logical).\(version.origin)"
    }
}
