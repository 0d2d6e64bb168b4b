import Foundation

/// An attribute's value in the HTTP API: any JSON value, decoded from a request and encoded back
/// unchanged (object keys sorted). Not TernCommands' `JSONValue`, which serves the tools' own JSON.
public indirect enum AttributeJSON: Sendable, Hashable, Codable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer that fits 64 bits.
    case int(Int64)
    /// Any other number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([AttributeJSON])
    /// An object.
    case object([String: AttributeJSON])

    /// Decodes whichever value is there.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([AttributeJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: AttributeJSON].self))
        }
    }

    /// Encodes the value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

/// How attribute values travel: a JSON value is stored as its JSON text (UTF-8); a value of the
/// form `{"base64": "…"}` is stored as the bytes it encodes. Reading back, bytes that are JSON text
/// come back as that value, anything else as `{"base64": "…"}` (docs/HTTP.md, "Attribute values").
public enum AttributeValueCoding {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The bytes to store for `value`; nil when it is a malformed `{"base64": …}`.
    public static func bytes(of value: AttributeJSON) -> [UInt8]? {
        if case .object(let object) = value, object.count == 1, let encoded = object["base64"] {
            guard case .string(let text) = encoded, let data = Data(base64Encoded: text) else { return nil }
            return Array(data)
        }
        return (try? encoder.encode(value)).map { Array($0) }
    }

    /// The JSON value of stored `bytes`.
    public static func value(of bytes: [UInt8]) -> AttributeJSON {
        if !bytes.isEmpty,
            let value = try? JSONDecoder().decode(AttributeJSON.self, from: Data(bytes)),
            !isBase64Wrapper(value)
        {
            return value
        }
        return .object(["base64": .string(Data(bytes).base64EncodedString())])
    }

    /// Whether `value` is `{"base64": …}` itself: stored bytes of that shape come back wrapped, so
    /// that writing back what was read stores the same bytes.
    private static func isBase64Wrapper(_ value: AttributeJSON) -> Bool {
        if case .object(let object) = value, object.count == 1, object["base64"] != nil { return true }
        return false
    }
}
