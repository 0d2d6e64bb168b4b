/// A network endpoint as the tools write it: a host (name or address) and a TCP or UDP port.
///
/// The text form is `HOST:PORT`, `[IPV6]:PORT`, or `:PORT` (any address). Parsing does no name
/// resolution: that is the network layer's job.
public struct Endpoint: Hashable, Sendable, CustomStringConvertible {
    /// The host name or address; empty means "any address" when listening.
    public var host: String
    /// The port.
    public var port: UInt16

    /// Creates an endpoint.
    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Why a text is not an endpoint.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        /// There is no `:PORT` part.
        case missingPort(String)
        /// The port is not a number from 1 to 65535 (0 only where allowed).
        case badPort(String)
        /// The host part is malformed (an unclosed `[`, a bare IPv6 address without brackets).
        case badHost(String)

        /// One line for a user.
        public var description: String {
            switch self {
            case .missingPort(let text): "'\(text)' has no port: write HOST:PORT or :PORT"
            case .badPort(let text): "'\(text)' has no valid port (1-65535)"
            case .badHost(let text): "'\(text)' has a malformed host: write HOST:PORT or [IPV6]:PORT"
            }
        }
    }

    /// Parses `HOST:PORT`, `[IPV6]:PORT` or `:PORT`; `allowZero` accepts port 0 ("any free port").
    public init(parsing text: String, allowZero: Bool = false) throws(ParseError) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw .badHost(text) }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw .missingPort(text) }
            portText = rest.dropFirst()
            if host.isEmpty { throw .badHost(text) }
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw .missingPort(text) }
            host = text[..<colon]
            if host.contains(":") { throw .badHost(text) }
            portText = text[text.index(after: colon)...]
        }
        guard !portText.isEmpty, portText.allSatisfy({ $0.isASCII && $0.isNumber }), portText.count <= 5,
            let port = UInt16(portText), port > 0 || allowZero
        else { throw .badPort(text) }
        self.init(host: String(host), port: port)
    }

    /// `HOST:PORT`, with brackets around an IPv6 address.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
