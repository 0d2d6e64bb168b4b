#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TernTestKit
import TernWire
import Testing

/// CRC-32C against published check values (RFC 3720 B.4 and the catalogue's `123456789`), and the
/// hardware path against the portable one.
@Suite("CRC32C")
struct CRC32CTests {
    static let implementations: [CRC32C.Implementation] = [.best, .portable]

    @Test(arguments: implementations)
    func matchesPublishedCheckValues(implementation: CRC32C.Implementation) {
        #expect(CRC32C.checksum(Array("123456789".utf8), implementation: implementation) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32), implementation: implementation) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32), implementation: implementation) == 0x62A8_AB43)
        #expect(CRC32C.checksum(Array(0...31), implementation: implementation) == 0x46DD_794E)
        #expect(CRC32C.checksum(Array((0...31).reversed()), implementation: implementation) == 0x113F_DB5C)
        #expect(CRC32C.checksum([], implementation: implementation) == 0)
    }

    @Test func hardwareAndPortableAgreeAtEveryLengthAndAlignment() {
        var random = TestRandom(seed: 11)
        let bytes = random.bytes(600)
        for start in 0..<9 {
            for length in 0...(bytes.count - start) {
                let slice = Array(bytes[start..<(start + length)])
                let best = CRC32C.checksum(slice, implementation: .best)
                let portable = CRC32C.checksum(slice, implementation: .portable)
                #expect(best == portable, "offset \(start) length \(length)")
            }
        }
    }

    @Test(arguments: implementations)
    func updatingInPiecesEqualsOneChecksum(implementation: CRC32C.Implementation) {
        var random = TestRandom(seed: 12)
        for _ in 0..<200 {
            let bytes = random.bytes(Int.random(in: 0...300, using: &random))
            let cut = Int.random(in: 0...bytes.count, using: &random)
            var crc = CRC32C(implementation: implementation)
            crc.update(Array(bytes[..<cut]))
            crc.update(FrameWire.buffer(Array(bytes[cut...])))
            #expect(crc.value == CRC32C.checksum(bytes, implementation: implementation))
        }
    }

    /// Seconds of CPU time this thread has used: on a shared machine wall-clock time mostly measures
    /// the neighbours.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Prints throughput per CPU second (not asserted: speed is for benchmarks) over 64 KiB blocks,
    /// the size of a large session put; checks the two implementations agree on the data hashed.
    @Test func throughputOf64KiBBlocks() {
        var random = TestRandom(seed: 13)
        let block = random.bytes(64 << 10)
        var report: [String] = []
        var results: [UInt32] = []
        for (implementation, rounds) in [(CRC32C.Implementation.best, 4096), (.portable, 512)] {
            var crc = CRC32C(implementation: implementation)
            let start = Self.threadCPUSeconds()
            block.withUnsafeBytes { bytes in
                for _ in 0..<rounds { crc.update(bytes) }
            }
            let seconds = Self.threadCPUSeconds() - start
            let megabytes = Double(rounds * block.count) / 1e6
            report.append("\(implementation) \(Int(megabytes / seconds)) MB/s")
            results.append(CRC32C.checksum(block, implementation: implementation))
        }
        print("CRC32C over 64 KiB blocks per CPU second (hardware: \(CRC32C.isHardwareAccelerated)): \(report.joined(separator: ", "))")
        #expect(results[0] == results[1])
    }
}
