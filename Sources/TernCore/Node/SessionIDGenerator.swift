/// New session ids: 128 random bits in URL-safe base64 (22 characters, no padding), followed by
/// `.ROUTE` when the node has a route, as Tomcat appends its jvmRoute so that a load balancer can
/// keep a client on the node that created its session.
public enum SessionIDGenerator {
    /// The characters of URL-safe base64 (RFC 4648 §5).
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// A fresh id drawn from `generator`, with `.route` appended when `route` is given.
    public static func next<G: RandomNumberGenerator>(using generator: inout G, route: String? = nil) -> String {
        let high: UInt64 = generator.next()
        let low: UInt64 = generator.next()
        var digits: [UInt8] = []
        digits.reserveCapacity(23 + (route?.utf8.count ?? 0))
        // 128 bits are 21 six-bit digits and 2 bits left over: take them from the top down.
        for index in 0..<22 {
            let bit = index * 6
            let value: UInt64
            if bit + 6 <= 64 {
                value = high >> UInt64(58 - bit) & 63
            } else if bit < 64 {
                let fromHigh = 64 - bit
                value = (high << UInt64(6 - fromHigh) | low >> UInt64(58 + fromHigh)) & 63
            } else if bit + 6 <= 128 {
                value = low >> UInt64(122 - bit) & 63
            } else {
                value = low << UInt64(bit + 6 - 128) & 63
            }
            digits.append(alphabet[Int(value)])
        }
        if let route, !route.isEmpty {
            digits.append(UInt8(ascii: "."))
            digits.append(contentsOf: route.utf8)
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// Whether `route` may follow an id: 1 to 64 characters of URL-safe base64 (letters, digits,
    /// `-`, `_`), so ids stay URL-safe and the last `.` separates the route.
    public static func isValidRoute(_ route: String) -> Bool {
        !route.isEmpty && route.utf8.count <= 64 && route.utf8.allSatisfy { alphabet.contains($0) }
    }
}
