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
        created = RFC3339.format(session.created)
        lastAccessed = RFC3339.format(session.lastAccessed)
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

/// RFC 3339 UTC times with milliseconds, as every tern tool prints them.
enum RFC3339 {
    static func format(_ millis: UnixMillis) -> String {
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let milliseconds = millis - seconds * 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(milliseconds, 3))Z"
    }
}
