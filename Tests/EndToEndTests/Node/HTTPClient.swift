import Foundation
import TernTestKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What a node answered.
struct HTTPReply: CustomStringConvertible {
    /// The status code.
    var status: Int
    /// Headers, names lowercased.
    var headers: [String: String]
    /// The body.
    var body: [UInt8]

    /// The body as text.
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object.
    var json: [String: Any] {
        get throws {
            try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any], "not a JSON object: \(text)")
        }
    }

    /// A header as an integer.
    func int(_ name: String) -> Int? { headers[name.lowercased()].flatMap { Int($0) } }

    var description: String { "\(status) \(headers) \(text)" }
}

/// A minimal HTTP/1.1 client over a plain socket to 127.0.0.1: one request per connection, the answer
/// read by its Content-Length. Enough for the node's JSON API, and no dependency.
enum HTTPClient {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends `method path` with `body` (JSON) and `headers` to `address` (`127.0.0.1:PORT`) and reads
    /// the answer; with `namespace`, from inside that network namespace (a node of a `TestNetwork` host).
    static func request(
        _ method: String, _ address: String, _ path: String, body: String? = nil, headers: [String: String] = [:],
        namespace: String? = nil
    ) throws -> HTTPReply {
        let parts = address.split(separator: ":")
        guard parts.count == 2, let port = UInt16(parts[1]) else { throw Failure(description: "bad address \(address)") }
        let descriptor = try namespace.map { try NamespaceSocket.make(in: $0) } ?? socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = port.bigEndian
        target.sin_addr.s_addr = inet_addr(String(parts[0]))
        let connected = withUnsafePointer(to: &target) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(description: "cannot connect to \(address): errno \(errno)") }
        let payload = Array((body ?? "").utf8)
        var request = "\(method) \(path) HTTP/1.1\r\nHost: \(address)\r\nConnection: close\r\n"
        if body != nil { request += "Content-Type: application/json\r\n" }
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { request += "\(name): \(value)\r\n" }
        request += "Content-Length: \(payload.count)\r\n\r\n"
        let bytes = Array(request.utf8) + payload
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw Failure(description: "cannot send to \(address): errno \(errno)") }
            sent += count
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            if let reply = parse(received) { return reply }
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else {
                if let reply = parse(received, complete: true) { return reply }
                throw Failure(description: "\(method) \(path): the connection ended after \(received.count) bytes")
            }
            received += chunk[0..<count]
        }
    }

    /// The reply in `bytes`, once its head and its Content-Length of body are in.
    static func parse(_ bytes: [UInt8], complete: Bool = false) -> HTTPReply? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else {
            return nil
        }
        let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = head.first, statusLine.split(separator: " ").count >= 2,
            let status = Int(statusLine.split(separator: " ")[1])
        else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = Array(bytes[(end + 4)...])
        if let length = headers["content-length"].flatMap(Int.init) {
            guard body.count >= length else { return nil }
            return HTTPReply(status: status, headers: headers, body: Array(body.prefix(length)))
        }
        return complete ? HTTPReply(status: status, headers: headers, body: body) : nil
    }
}
