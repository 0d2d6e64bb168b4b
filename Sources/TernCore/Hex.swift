/// Lowercase hexadecimal, the one way tern prints ids and digests.
public enum Hex {
    /// Two digits per byte.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Sixteen digits, zero-padded.
    public static func padded(_ value: UInt64) -> String {
        encode(withUnsafeBytes(of: value.bigEndian) { Array($0) })
    }
}
