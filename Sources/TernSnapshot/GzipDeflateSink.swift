import CZlib
import Dispatch

/// Compresses into one standard gzip stream, deflating independent blocks on several threads the
/// way pigz does (docs/SNAPSHOT.md §"Compression").
///
/// Input is cut into blocks; each is deflated on its own with the 32 KiB before it as the
/// dictionary (so the ratio stays close to a serial deflate) and ends with a sync flush, which
/// byte-aligns it, so the blocks concatenate into a single deflate stream. The block CRCs are
/// combined in order. Memory is bounded by one batch of blocks, whatever the input size.
public final class GzipDeflateSink: ByteSink {
    /// Bytes accepted so far (uncompressed).
    public private(set) var bytesIn: Int64 = 0
    private let output: ByteSink
    private let threads: Int
    private let blockSize: Int
    private let blocksPerBatch: Int
    private let dictionarySize = 32 << 10
    private let batch: UnsafeMutableRawBufferPointer
    private var batchFill: Int
    private var haveDictionary = false
    private var crc: UInt = 0
    private let workers: [DeflateWorker]
    private let progress: ((Int64) -> Void)?
    private var finished = false

    /// Compresses into `output` at `level` (0–9) with `threads` workers.
    public init(
        _ output: ByteSink, level: Int32 = 6, threads: Int = 1, blockSize: Int = 128 << 10,
        progress: ((Int64) -> Void)? = nil
    ) {
        self.output = output
        self.threads = max(1, threads)
        self.blockSize = blockSize
        self.blocksPerBatch = 4 * self.threads
        self.progress = progress
        batch = .allocate(byteCount: dictionarySize + blockSize * blocksPerBatch, alignment: 64)
        batchFill = dictionarySize
        crc = UInt(crc32(0, nil, 0))
        workers = (0..<blocksPerBatch).map { _ in DeflateWorker(level: level, blockSize: blockSize) }
        for worker in workers.prefix(self.threads) { worker.prepareStream() }
        header = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, level >= 9 ? 2 : (level == 1 ? 4 : 0), 3]
    }

    private var header: [UInt8]?

    deinit {
        batch.deallocate()
    }

    /// Accepts uncompressed bytes.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        if let header {
            self.header = nil
            try output.write(header)
        }
        var offset = 0
        while offset < bytes.count {
            let room = batch.count - batchFill
            let count = min(room, bytes.count - offset)
            (batch.baseAddress! + batchFill).copyMemory(from: bytes.baseAddress! + offset, byteCount: count)
            batchFill += count
            offset += count
            if batchFill == batch.count { try compressBatch() }
        }
        bytesIn += Int64(bytes.count)
    }

    /// Compresses what remains, ends the deflate stream and writes the gzip trailer.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        if let header {
            self.header = nil
            try output.write(header)
        }
        try compressBatch()
        // An empty final block (BFINAL=1, fixed Huffman, end-of-block): the blocks before it were
        // sync-flushed and left the stream open.
        var trailer: [UInt8] = [0x03, 0x00]
        for shift in stride(from: 0, to: 32, by: 8) { trailer.append(UInt8(truncatingIfNeeded: crc >> UInt(shift))) }
        let size = UInt32(truncatingIfNeeded: bytesIn)
        for shift in stride(from: 0, to: 32, by: 8) { trailer.append(UInt8(truncatingIfNeeded: size >> UInt32(shift))) }
        try output.write(trailer)
        try output.finish()
    }

    private func compressBatch() throws {
        let dataBytes = batchFill - dictionarySize
        guard dataBytes > 0 else { return }
        let blockCount = (dataBytes + blockSize - 1) / blockSize
        let base = batch.baseAddress!
        let jobs = (0..<blockCount).map { index in
            DeflateJob(
                start: base + dictionarySize + index * blockSize,
                length: min(blockSize, dataBytes - index * blockSize),
                dictionary: (index > 0 || haveDictionary) ? dictionarySize : 0)
        }
        let work = UnsafeSendable((workers, jobs, threads))
        if threads == 1 {
            for (index, job) in jobs.enumerated() { workers[0].run(job, into: workers[index]) }
        } else {
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                let (workers, jobs, threads) = work.value
                for index in stride(from: thread, to: jobs.count, by: threads) {
                    workers[thread].run(jobs[index], into: workers[index])
                }
            }
        }
        for index in 0..<blockCount {
            let result = workers[index]
            if let failure = result.failure { throw failure }
            try output.write(UnsafeRawBufferPointer(start: result.output, count: result.outputCount))
            crc = crc32_combine(crc, result.crc, Int(jobs[index].length))
        }
        // Keep the last 32 KiB as the next batch's dictionary.
        let tail = batchFill - dictionarySize
        base.copyMemory(from: base + tail, byteCount: dictionarySize)
        batchFill = dictionarySize
        haveDictionary = true
        progress?(bytesIn)
    }
}

/// One block to deflate: where it starts, how long it is, how much dictionary precedes it.
struct DeflateJob {
    let start: UnsafeMutableRawPointer
    let length: Int
    let dictionary: Int
}

/// A zlib stream (for the worker threads) and an output slot (for every block of a batch).
final class DeflateWorker {
    private let level: Int32
    private var stream: UnsafeMutablePointer<z_stream>?
    let output: UnsafeMutablePointer<UInt8>
    let capacity: Int
    var outputCount = 0
    var crc: UInt = 0
    var failure: GzipError?

    init(level: Int32, blockSize: Int) {
        self.level = level
        // deflateBound for a raw stream, plus room for the sync-flush marker and a stored block.
        capacity = blockSize + blockSize / 1000 * 2 + 1024
        output = .allocate(capacity: capacity)
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
        let status = deflate(stream, Z_SYNC_FLUSH)
        if status != Z_OK || stream.pointee.avail_in != 0 || stream.pointee.avail_out == 0 {
            slot.failure = GzipError("deflate failed with status \(status)", compressedOffset: 0)
        } else {
            slot.failure = nil
        }
        slot.outputCount = slot.capacity - Int(stream.pointee.avail_out)
        slot.crc = UInt(crc32(0, input, UInt32(job.length)))
    }
}

/// Carries non-Sendable values into `concurrentPerform`, whose iterations touch disjoint slots.
struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
