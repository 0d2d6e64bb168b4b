import Crypto

/// Short fingerprints of private values, so listings can show that a value changed without showing it.
public enum ValueDigest {
    /// The first 8 bytes of the value's SHA-256, as 16 hexadecimal digits.
    public static func short(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).prefix(8).map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
    }
}
