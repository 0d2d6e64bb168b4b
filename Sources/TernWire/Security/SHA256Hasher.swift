/// SHA-256 (FIPS 180-4): the hash under the key ids and heartbeat MACs of cluster keys.
///
/// Written here, from the standard, rather than taken from swift-crypto: tern-ping needs nothing
/// else of it, and linking swift-crypto's BoringSSL into tern-ping cost an idle member 0.4 MiB of
/// RSS, and 1.2 MiB once it signed heartbeats (docs/PERFORMANCE.md, "Cluster keys"), against a goal
/// of 15 MiB. The tests check it against the standard's vectors and against swift-crypto.
struct SHA256Hasher: Sendable {
    /// Bytes per block.
    static let blockBytes = 64
    /// Bytes of a digest.
    static let digestBytes = 32

    /// The round constants: the first 32 bits of the fractional parts of the cube roots of the first
    /// 64 primes (FIPS 180-4 §4.2.2).
    private static let k: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    /// The hash value: the initial one (FIPS 180-4 §5.3.3) until the first block.
    private(set) var state: SIMD8<UInt32> = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    /// Bytes absorbed so far, in whole blocks.
    private(set) var length: UInt64 = 0

    /// A hasher at the start.
    init() {}

    /// Absorbs one whole block: exactly 64 bytes.
    mutating func absorb(block: UnsafeRawBufferPointer) {
        compress(block)
        length &+= UInt64(Self.blockBytes)
    }

    /// The digest of what was absorbed followed by `tail` (any length), as eight big-endian words.
    /// Allocates nothing: the padded last block is built on the stack.
    func finish(_ tail: UnsafeRawBufferPointer) -> SIMD8<UInt32> {
        var hasher = self
        var rest = tail[...]
        while rest.count >= Self.blockBytes {
            hasher.absorb(block: UnsafeRawBufferPointer(rebasing: rest.prefix(Self.blockBytes)))
            rest = rest.dropFirst(Self.blockBytes)
        }
        let bits = (hasher.length &+ UInt64(rest.count)) &* 8
        // The rest, a 1 bit, zeros, and the length in bits: one block, or two when 8 bytes do not fit.
        let blocks = rest.count + 1 + 8 <= Self.blockBytes ? 1 : 2
        withUnsafeTemporaryAllocation(byteCount: 2 * Self.blockBytes, alignment: 8) { last in
            last.initializeMemory(as: UInt8.self, repeating: 0)
            let remaining = UnsafeRawBufferPointer(rebasing: rest)
            if !remaining.isEmpty { last.baseAddress!.copyMemory(from: remaining.baseAddress!, byteCount: remaining.count) }
            last[rest.count] = 0x80
            last.storeBytes(of: bits.bigEndian, toByteOffset: blocks * Self.blockBytes - 8, as: UInt64.self)
            for block in 0..<blocks {
                let start = block * Self.blockBytes
                hasher.compress(UnsafeRawBufferPointer(rebasing: last[start..<(start + Self.blockBytes)]))
            }
        }
        return hasher.state
    }

    /// The digest of `bytes`.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        Self.bytes(of: SHA256Hasher().finish(bytes))
    }

    /// Eight words as the 32 bytes of a digest.
    static func bytes(of words: SIMD8<UInt32>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: digestBytes) { buffer, count in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            for index in 0..<8 { raw.storeBytes(of: words[index].bigEndian, toByteOffset: index * 4, as: UInt32.self) }
            count = digestBytes
        }
    }

    /// One block of 64 bytes into the state (FIPS 180-4 §6.2.2).
    private mutating func compress(_ block: UnsafeRawBufferPointer) {
        Self.k.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                for t in 0..<16 {
                    w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self))
                }
                for t in 16..<64 {
                    let s0 = rotate(w[t - 15], 7) ^ rotate(w[t - 15], 18) ^ (w[t - 15] >> 3)
                    let s1 = rotate(w[t - 2], 17) ^ rotate(w[t - 2], 19) ^ (w[t - 2] >> 10)
                    w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
                }
                var a = state[0]
                var b = state[1]
                var c = state[2]
                var d = state[3]
                var e = state[4]
                var f = state[5]
                var g = state[6]
                var h = state[7]
                for t in 0..<64 {
                    let sum1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
                    let choice = (e & f) ^ (~e & g)
                    let t1 = h &+ sum1 &+ choice &+ k[t] &+ w[t]
                    let sum0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
                    let majority = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = sum0 &+ majority
                    h = g
                    g = f
                    f = e
                    e = d &+ t1
                    d = c
                    c = b
                    b = a
                    a = t1 &+ t2
                }
                state &+= SIMD8(a, b, c, d, e, f, g, h)
            }
        }
    }

    @inline(__always)
    private func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
        value >> count | value << (32 - count)
    }
}

/// HMAC-SHA-256 (RFC 2104) under one key, with the padded key's two blocks absorbed once, so a MAC
/// costs the message's blocks and two more.
struct HMACSHA256: Sendable {
    /// SHA-256 after the key xor the inner pad.
    private let inner: SHA256Hasher
    /// SHA-256 after the key xor the outer pad.
    private let outer: SHA256Hasher

    /// A MAC under `key` (a key longer than a block is hashed first, as RFC 2104 says).
    init(key: [UInt8]) {
        var block = key.count > SHA256Hasher.blockBytes ? key.withUnsafeBytes { SHA256Hasher.hash($0) } : key
        block += [UInt8](repeating: 0, count: SHA256Hasher.blockBytes - block.count)
        var inner = SHA256Hasher()
        var outer = SHA256Hasher()
        block.map { $0 ^ 0x36 }.withUnsafeBytes { inner.absorb(block: $0) }
        block.map { $0 ^ 0x5c }.withUnsafeBytes { outer.absorb(block: $0) }
        self.inner = inner
        self.outer = outer
    }

    /// The MAC of `message`, as eight big-endian words.
    func words(_ message: UnsafeRawBufferPointer) -> SIMD8<UInt32> {
        let digest = inner.finish(message)
        return withUnsafeTemporaryAllocation(byteCount: SHA256Hasher.digestBytes, alignment: 4) { bytes in
            for index in 0..<8 {
                bytes.storeBytes(of: digest[index].bigEndian, toByteOffset: index * 4, as: UInt32.self)
            }
            return outer.finish(UnsafeRawBufferPointer(bytes))
        }
    }

    /// The 32-byte MAC of `message`.
    func code(_ message: UnsafeRawBufferPointer) -> [UInt8] {
        SHA256Hasher.bytes(of: words(message))
    }

    /// The 32-byte MAC of `message`.
    func code(_ message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { code($0) }
    }
}
