import Foundation
import TernCore
import TernFiles
import TernSnapshot
import TernTestKit
import TernWire
import Testing

/// A sink that keeps everything written to it in memory.
final class MemorySink: ByteSink {
    private(set) var bytes: [UInt8] = []
    private(set) var finished = false

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(!finished, "write after finish")
        self.bytes.append(contentsOf: bytes)
    }

    func finish() throws {
        finished = true
    }
}

/// A source that serves bytes from memory, at most `chunk` bytes per read (1: byte by byte).
final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private let chunk: Int
    private var position = 0

    init(_ bytes: [UInt8], chunk: Int = .max) {
        self.bytes = bytes
        self.chunk = chunk
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, chunk, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + position, byteCount: count)
        }
        position += count
        return count
    }
}

/// Building, reading and taking apart small snapshots.
enum Snap {
    static let header = SnapshotHeader(
        writer: "tern-test 1.0", created: Samples.epoch, sourceMember: MemberID(high: 0xAB, low: 0xCD),
        sourceName: "node-1", cluster: "prod",
        versionVector: VersionVector([Samples.version(30, origin: Samples.memberA), Samples.version(20, origin: Samples.memberB)]))

    /// Three records in key order: two sessions and a tombstone.
    static let records: [StoreRecord] = [
        Samples.sessionRecord("s1", context: "app", version: Samples.version(10), attributes: ["cart": "3 items", "user": "ann"]),
        Samples.tombstone("s2", context: "app", version: Samples.version(20, origin: Samples.memberB)),
        Samples.sessionRecord("s3", context: "shop", version: Samples.version(30), attributes: ["flag": ""]),
    ]

    /// The uncompressed snapshot of `records`.
    static func plain(_ records: [StoreRecord] = records, header: SnapshotHeader = header) throws -> [UInt8] {
        let sink = MemorySink()
        let writer = try SnapshotWriter(sink: sink, header: header)
        for record in records { try writer.write(record) }
        try writer.finish()
        return sink.bytes
    }

    /// `bytes` compressed by `GzipDeflateSink`.
    static func gzip(_ bytes: [UInt8], threads: Int = 1, blockSize: Int = 128 << 10, level: Int32 = 6) throws -> [UInt8] {
        let sink = MemorySink()
        let deflater = GzipDeflateSink(sink, level: level, threads: threads, blockSize: blockSize)
        try deflater.write(bytes)
        try deflater.finish()
        #expect(sink.finished)
        return sink.bytes
    }

    /// Everything `GzipInflateSource` makes of `compressed`, read `chunk` bytes at a time.
    static func gunzip(_ compressed: [UInt8], chunk: Int = .max, readSize: Int = 4096) throws -> [UInt8] {
        let source = GzipInflateSource(MemorySource(compressed, chunk: chunk), bufferSize: 1024)
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: readSize)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return out }
            out += buffer.prefix(count)
        }
    }

    /// What a reader makes of a file: the reader (header, trailer) and every record.
    static func read(_ path: String, checkDigest: Bool = true, limits: RecordLimits = .default) throws
        -> (reader: SnapshotReader, records: [StoreRecord])
    {
        let reader = try SnapshotReader(path: path, limits: limits, checkDigest: checkDigest)
        var records: [StoreRecord] = []
        while let record = try reader.next() { records.append(record) }
        return (reader, records)
    }

    /// Writes `bytes` to a file in `directory` and reads it; the error is returned, not thrown.
    static func readError(_ bytes: [UInt8], in directory: TemporaryDirectory, checkDigest: Bool = true) throws
        -> SnapshotError?
    {
        let path = try directory.write(bytes, to: "input.tsnap")
        do {
            _ = try read(path, checkDigest: checkDigest)
            return nil
        } catch let error as SnapshotError {
            return error
        }
    }

    /// The byte ranges of a plain snapshot: header body, and each record frame (tag, length, payload).
    struct Layout {
        var headerBody: Range<Int>
        var recordPayloads: [Range<Int>]
        var endRecord: Range<Int>
    }

    static func layout(_ bytes: [UInt8]) -> Layout {
        func u32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        let headerLength = u32(10)
        var position = 14 + headerLength
        var payloads: [Range<Int>] = []
        while bytes[position] == SnapshotFormat.recordTag {
            let length = u32(position + 1)
            payloads.append(position + 5..<position + 5 + length)
            position += 5 + length
        }
        return Layout(headerBody: 14..<14 + headerLength, recordPayloads: payloads, endRecord: position..<bytes.count)
    }
}

/// Runs `/usr/bin/gzip` with `arguments`; returns its exit status and standard output.
func runGzip(_ arguments: [String]) throws -> (status: Int32, output: [UInt8]) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, Array(data))
}
