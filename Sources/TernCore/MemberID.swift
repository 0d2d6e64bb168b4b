/// The 128-bit random identity of a cluster member, stable across restarts when persisted.
public struct MemberID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The high 64 bits.
    public var high: UInt64
    /// The low 64 bits.
    public var low: UInt64

    /// Creates an id from its two halves.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The all-zero id, used where no member is known (a snapshot imported from JSON, say).
    public static let zero = MemberID(high: 0, low: 0)

    /// Draws a new random id from the given generator (injected, so tests are deterministic).
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> MemberID {
        MemberID(high: generator.next(), low: generator.next())
    }

    /// Parses 32 hexadecimal digits (the form `description` prints); nil for anything else.
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 32 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (index, digit) in digits.enumerated() {
            guard let nibble = MemberID.nibble(digit) else { return nil }
            if index < 16 {
                high = high << 4 | UInt64(nibble)
            } else {
                low = low << 4 | UInt64(nibble)
            }
        }
        self.init(high: high, low: low)
    }

    /// 32 lowercase hexadecimal digits.
    public var description: String {
        Hex.padded(high) + Hex.padded(low)
    }

    /// The first 8 hexadecimal digits, for tables meant for people.
    public var short: String {
        String(description.prefix(8))
    }

    /// Orders ids as unsigned 128-bit integers; this is the version tie-break.
    public static func < (lhs: MemberID, rhs: MemberID) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }


    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
