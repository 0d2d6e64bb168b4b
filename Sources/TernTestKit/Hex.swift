import TernCore

/// Hexadecimal helpers for golden byte fixtures written as literals in tests.
extension Hex {
    /// The bytes of `text`, hex digits with any whitespace, `_` or `|` between them ignored.
    /// Traps on a non-hex character or an odd digit count: a fixture typo is a test bug.
    public static func bytes(_ text: String) -> [UInt8] {
        let digits = text.utf8.filter { !" \n\t_|".utf8.contains($0) }
        precondition(digits.count.isMultiple(of: 2), "odd number of hex digits in fixture")
        return stride(from: 0, to: digits.count, by: 2).map { index in
            nibble(digits[index]) << 4 | nibble(digits[index + 1])
        }
    }

    /// Lowercase hex of `bytes`, no separators.
    public static func string(_ bytes: some Sequence<UInt8>) -> String {
        encode(bytes)
    }

    private static func nibble(_ digit: UInt8) -> UInt8 {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: preconditionFailure("not a hex digit in fixture: \(digit)")
        }
    }
}
