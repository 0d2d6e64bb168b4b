import CCRC32C
import NIOCore

/// CRC-32C (Castagnoli), the checksum that ends every frame (docs/PROTOCOL.md, "Checksum").
///
/// Polynomial 0x1EDC6F41 (reflected 0x82F63B78), initial value and final XOR 0xFFFFFFFF; the
/// checksum of the ASCII bytes `123456789` is 0xE3069283. On x86-64 CPUs with SSE4.2 it runs on the
/// `crc32` instruction, elsewhere in portable C; both give the same values.
public struct CRC32C: Sendable, Hashable {
    /// Which code computes the checksum.
    public enum Implementation: Sendable, Hashable {
        /// The CPU's CRC-32C instruction (`hardware` when the CPU has it, else portable).
        case best
        /// Table-driven portable C, whatever the CPU.
        case portable
    }

    /// The checksum of the bytes given so far.
    public private(set) var value: UInt32
    /// The code used by `update`.
    public let implementation: Implementation

    /// Starts a checksum over no bytes.
    public init(implementation: Implementation = .best) {
        self.value = 0
        self.implementation = implementation
    }

    /// Whether `.best` uses the CPU's CRC-32C instruction on this machine.
    public static var isHardwareAccelerated: Bool { tern_crc32c_hardware() != 0 }

    /// Extends the checksum by `bytes`.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        switch implementation {
        case .best: value = tern_crc32c(value, base, bytes.count)
        case .portable: value = tern_crc32c_portable(value, base, bytes.count)
        }
    }

    /// Extends the checksum by the readable bytes of `buffer`.
    public mutating func update(_ buffer: ByteBuffer) {
        buffer.withUnsafeReadableBytes { update($0) }
    }

    /// Extends the checksum by `bytes`.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The checksum of the readable bytes of `buffer`.
    public static func checksum(_ buffer: ByteBuffer, implementation: Implementation = .best) -> UInt32 {
        var crc = CRC32C(implementation: implementation)
        crc.update(buffer)
        return crc.value
    }

    /// The checksum of `bytes`.
    public static func checksum(_ bytes: [UInt8], implementation: Implementation = .best) -> UInt32 {
        var crc = CRC32C(implementation: implementation)
        crc.update(bytes)
        return crc.value
    }
}
