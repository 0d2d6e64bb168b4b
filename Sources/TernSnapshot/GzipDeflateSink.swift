import CZlib
import TernFiles

/// Compresses into one standard gzip stream, deflating independent blocks on several threads the
/// way pigz does (docs/SNAPSHOT.md §"Compression").
///
/// Input is cut into blocks; each is deflated on its own with the 32 KiB before it as the
/// dictionary (so the ratio stays close to a serial deflate) and ends with a sync flush, which
/// byte-aligns it, so the blocks concatenate into a single deflate stream. The block CRCs are
/// combined in order. Two batches alternate: the workers deflate one while the caller fills the
/// other, and a filled batch is queued before the previous one is collected, so reading,
/// compressing and writing overlap without the workers idling between batches. Memory is bounded
/// by the two batches.
public final class GzipDeflateSink: ByteSink {
    /// Bytes accepted so far (uncompressed).
    public private(set) var bytesIn: Int64 = 0
    private let output: ByteSink
    private let threads: Int
    private let level: Int32
    private var filling: DeflateBatch
    private var spare: DeflateBatch
    private var inFlight: DeflateBatch?
    private let pool: DeflatePool?
    private let serialWorker: DeflateWorker?
    private var crc: UInt = 0
    private var bytesCompressed: Int64 = 0
    private let progress: ((Int64) -> Void)?
    private var headerWritten = false
    private var finished = false

    /// Compresses into `output` at `level` (0–9) with `threads` workers.
    public init(
        _ output: ByteSink, level: Int32 = 6, threads: Int = 1, blockSize: Int = 128 << 10,
        progress: ((Int64) -> Void)? = nil
    ) {
        self.output = output
        self.threads = max(1, threads)
        self.level = level
        self.progress = progress
        // Enough blocks per batch that the wait for the slowest block is a small part of a batch.
        let blocks = 16 * self.threads
        filling = DeflateBatch(dictionarySize: 32 << 10, blockSize: blockSize, blocks: blocks, level: level)
        spare = DeflateBatch(dictionarySize: 32 << 10, blockSize: blockSize, blocks: blocks, level: level)
        crc = UInt(crc32(0, nil, 0))
        let workers = (0..<self.threads).map { _ in DeflateWorker(level: level, blockSize: 0) }
        for worker in workers { worker.prepareStream() }
        if self.threads > 1 {
            pool = DeflatePool(workers: workers)
            serialWorker = nil
        } else {
            pool = nil
            serialWorker = workers[0]
        }
    }

    deinit {
        pool?.shutdown()
    }

    /// Accepts uncompressed bytes.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try writeHeaderOnce()
        var offset = 0
        while offset < bytes.count {
            // A full batch is handed on only when more input arrives, so the batch that holds the
            // last byte is still here at finish() and its last block can end the stream.
            if filling.isFull { try submitFilling(final: false) }
            let room = filling.buffer.count - filling.fill
            let count = min(room, bytes.count - offset)
            (filling.buffer.baseAddress! + filling.fill).copyMemory(
                from: bytes.baseAddress! + offset, byteCount: count)
            filling.fill += count
            offset += count
        }
        bytesIn += Int64(bytes.count)
    }

    /// Compresses what remains, ends the deflate stream and writes the gzip trailer.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        try writeHeaderOnce()
        if filling.dataBytes > 0 { try submitFilling(final: true) }
        try collectInFlight()
        // Empty input: the deflate stream is a single empty final block (BFINAL=1, fixed codes).
        var trailer: [UInt8] = bytesIn == 0 ? [0x03, 0x00] : []
        for shift in stride(from: 0, to: 32, by: 8) { trailer.append(UInt8(truncatingIfNeeded: crc >> UInt(shift))) }
        let size = UInt32(truncatingIfNeeded: bytesIn)
        for shift in stride(from: 0, to: 32, by: 8) { trailer.append(UInt8(truncatingIfNeeded: size >> UInt32(shift))) }
        try output.write(trailer)
        try output.finish()
    }

    private func writeHeaderOnce() throws {
        guard !headerWritten else { return }
        headerWritten = true
        // No name, no time stamp (like gzip -n): the same input gives the same bytes.
        try output.write([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, level >= 9 ? 2 : (level == 1 ? 4 : 0), 3])
    }

    /// Hands the filled batch to the workers and makes the spare the one being filled.
    private func submitFilling(final: Bool) throws {
        let batch = filling
        batch.prepareJobs(final: final)
        if let pool {
            // Queue this batch before waiting for the previous one, so the workers never idle
            // between batches.
            pool.submit(batch)
            try collectInFlight()
            inFlight = batch
        } else {
            for (index, job) in batch.jobs.enumerated() { serialWorker!.run(job, into: batch.slots[index]) }
            try emit(batch)
        }
        spare.continueAfter(batch)
        filling = spare
        spare = batch
    }

    private func collectInFlight() throws {
        guard let batch = inFlight, let pool else { return }
        pool.wait(for: batch)
        inFlight = nil
        try emit(batch)
    }

    private func emit(_ batch: DeflateBatch) throws {
        for (index, job) in batch.jobs.enumerated() {
            let slot = batch.slots[index]
            if let failure = slot.failure { throw failure }
            try output.write(UnsafeRawBufferPointer(start: slot.output, count: slot.outputCount))
            crc = crc32_combine(crc, slot.crc, Int(job.length))
            bytesCompressed += Int64(job.length)
        }
        progress?(bytesCompressed)
    }
}

/// zlib refused to deflate a block: a bug or memory exhaustion, never bad input.
public struct DeflateFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// zlib's status code.
    public var status: Int32
    /// `zlib deflate failed with status N`.
    public var description: String { "zlib deflate failed with status \(status)" }
}

/// One block to deflate: where it starts, how long it is, how much dictionary precedes it, and
/// whether it ends the stream.
struct DeflateJob {
    let start: UnsafeMutableRawPointer
    let length: Int
    let dictionary: Int
    let final: Bool
}

/// A zlib stream (for the worker threads) and an output slot (for every block of a batch).
final class DeflateWorker: @unchecked Sendable {
    private let level: Int32
    private var stream: UnsafeMutablePointer<z_stream>?
    let output: UnsafeMutablePointer<UInt8>
    let capacity: Int
    var outputCount = 0
    var crc: UInt = 0
    var failure: DeflateFailure?

    init(level: Int32, blockSize: Int) {
        self.level = level
        // Worst case of a raw deflate of one block plus the sync-flush marker, with room to spare.
        capacity = blockSize == 0 ? 0 : blockSize + blockSize / 1000 * 2 + 1024
        output = .allocate(capacity: max(1, capacity))
    }

    func prepareStream() {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // -15: raw deflate, largest window.
        let status = tern_deflateInit2(stream, level, -15)
        precondition(status == Z_OK, "deflateInit2 failed: invalid level or out of memory")
        self.stream = stream
    }

    deinit {
        if let stream {
            deflateEnd(stream)
            stream.deallocate()
        }
        output.deallocate()
    }

    /// Deflates `job` with this worker's stream, leaving the result in `slot`.
    func run(_ job: DeflateJob, into slot: DeflateWorker) {
        guard let stream else { preconditionFailure("worker has no zlib stream") }
        deflateReset(stream)
        let input = job.start.assumingMemoryBound(to: UInt8.self)
        if job.dictionary > 0 {
            deflateSetDictionary(stream, input - job.dictionary, UInt32(job.dictionary))
        }
        stream.pointee.next_in = input
        stream.pointee.avail_in = UInt32(job.length)
        stream.pointee.next_out = slot.output
        stream.pointee.avail_out = UInt32(slot.capacity)
        let status = job.final ? deflate(stream, Z_FINISH) : Self.deflateToByteBoundary(stream)
        let expected = job.final ? Z_STREAM_END : Z_OK
        if status != expected || stream.pointee.avail_in != 0 || stream.pointee.avail_out == 0 {
            slot.failure = DeflateFailure(status: status)
        } else {
            slot.failure = nil
        }
        slot.outputCount = slot.capacity - Int(stream.pointee.avail_out)
        slot.crc = UInt(crc32(0, input, UInt32(job.length)))
    }

    /// Ends the block and pads to a byte boundary as pigz does: with empty fixed-code blocks
    /// (10 bits each) when the pending bit count is even, else with a sync flush (an empty stored
    /// block, 4 bytes or more). The next block can then be appended byte-wise.
    private static func deflateToByteBoundary(_ stream: UnsafeMutablePointer<z_stream>) -> Int32 {
        var status = deflate(stream, Z_BLOCK)
        guard status == Z_OK else { return status }
        var bits: Int32 = 0
        deflatePending(stream, nil, &bits)
        if bits & 1 != 0 {
            status = deflate(stream, Z_SYNC_FLUSH)
        } else if bits & 7 != 0 {
            repeat {
                guard deflatePrime(stream, 10, 2) == Z_OK else { return Z_STREAM_ERROR }
                deflatePending(stream, nil, &bits)
            } while bits & 7 != 0
            status = deflate(stream, Z_BLOCK)
        }
        return status
    }
}
