/// The hashes anti-entropy digests are made of (docs/ANTI-ENTROPY.md, "Digests"): 64 bits of a
/// key's bytes, and 64 bits of a record's (key, version, kind). Unlike `SessionKey`'s own hash,
/// which is seeded per process, these are the same on every member and in every run, so two
/// members that hold the same record compute the same bits for it.
///
/// They guard against accidental differences, not against an attacker: a member that can choose
/// keys and versions can already write whatever it likes.
public enum DigestHash {
    /// The hash of a key: its context's and its id's UTF-8 bytes, each preceded by its length.
    /// Its top bits choose the key's bucket.
    public static func key(_ key: SessionKey) -> UInt64 {
        var state: UInt64 = 0x7465_726E_2D61_6531  // "tern-ae1"
        absorb(key.context, into: &state)
        absorb(key.id, into: &state)
        return mix(state)
    }

    /// The hash of a record of the key hashing to `keyHash`, at `version`, a tombstone or not: what
    /// a bucket XORs in and out. A touch (which keeps the version) does not change it. Two rounds
    /// of `mix`: the first over the physical time and the origin's low half, the second over the
    /// logical counter, the kind and the origin's high half.
    @inline(__always)
    public static func entry(keyHash: UInt64, version: Version, isTombstone: Bool) -> UInt64 {
        let first = mix(keyHash ^ version.physical ^ rotate(version.origin.low, 32))
        let kind: UInt64 = isTombstone ? 2 : 1
        return mix(first ^ (UInt64(version.logical) << 8 | kind) ^ (version.origin.high &* 0x9E37_79B9_7F4A_7C15))
    }

    /// The hash of `record`.
    public static func entry(_ record: StoreRecord) -> UInt64 {
        entry(keyHash: key(record.key), version: record.version, isTombstone: record.session == nil)
    }

    /// A bijective 64-bit finaliser (MurmurHash3's): every input bit moves about half the output bits.
    @inline(__always)
    static func mix(_ input: UInt64) -> UInt64 {
        var value = input
        value ^= value >> 33
        value &*= 0xFF51_AFD7_ED55_8CCD
        value ^= value >> 33
        value &*= 0xC4CE_B9FE_1A85_EC53
        value ^= value >> 33
        return value
    }

    /// Folds the length and the UTF-8 bytes of `string` into `state`, eight bytes at a time.
    @inline(__always)
    private static func absorb(_ string: String, into state: inout UInt64) {
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in
            absorb(UnsafeRawBufferPointer(bytes), into: &state)
        }
        if done == nil {
            let copy = Array(string.utf8)
            copy.withUnsafeBytes { absorb($0, into: &state) }
        }
    }

    @inline(__always)
    private static func absorb(_ bytes: UnsafeRawBufferPointer, into state: inout UInt64) {
        let count = bytes.count
        var value = round(state, UInt64(count))
        var offset = 0
        while offset + 8 <= count {
            value = round(value, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        let rest = count - offset
        if rest > 0 {
            // The last 1–7 bytes as one word, zero above them.
            var tail: UInt64 = 0
            if count >= 8 {
                // The 8 bytes that end the string, shifted to drop those already taken.
                let last = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
                tail = last >> UInt64(8 * (8 - rest))
            } else {
                withUnsafeMutableBytes(of: &tail) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset...])) }
                tail = UInt64(littleEndian: tail)
            }
            value = round(value, tail)
        }
        state = value
    }

    @inline(__always)
    private static func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }

    /// One word into the state: multiply, rotate, multiply.
    @inline(__always)
    private static func round(_ state: UInt64, _ word: UInt64) -> UInt64 {
        let scrambled = (word &* 0x87C3_7B91_1142_53D5)
        let rotated = (scrambled << 31) | (scrambled >> 33)
        let combined = state ^ (rotated &* 0x4CF5_AD43_2745_937F)
        return ((combined << 27) | (combined >> 37)) &* 5 &+ 0x52DC_E729
    }
}
