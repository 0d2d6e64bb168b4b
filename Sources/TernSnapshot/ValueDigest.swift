import Crypto
import TernCore

/// Short fingerprints of private values, so listings can show that a value changed without showing it.
public enum ValueDigest {
    /// The first 8 bytes of the value's SHA-256, as 16 hexadecimal digits.
    public static func short(_ bytes: [UInt8]) -> String {
        Hex.encode(SHA256.hash(data: bytes).prefix(8))
    }
}
