import Crypto
import NIOCore
import TernCore
import TernFiles
import TernWire

/// Reads a snapshot as a stream of records, in constant memory (one record at a time, bounded by
/// `RecordLimits`), from a file or standard input, plain or gzip (detected by magic).
///
/// Every problem is a `SnapshotError` naming the byte offset and record index, or an `IOFailure`.
/// The same reader serves `verify`, `inspect`, the diff and merge, and every loader.
public final class SnapshotReader {
    /// The header, decoded when the reader is created.
    public private(set) var header: SnapshotHeader
    /// How the file was stored.
    public let compression: Compression
    /// The trailer, once `next()` has returned nil.
    public private(set) var trailer: SnapshotTrailer?
    /// Records returned so far.
    public private(set) var recordIndex = 0
    /// Uncompressed container bytes consumed so far.
    public private(set) var offset: Int64 = 0
    /// The file as given.
    public let file: FileInput

    private let source: ByteSource
    private let gzip: GzipInflateSource?
    private let limits: RecordLimits
    private let checkDigest: Bool
    private var hasher = SHA256()
    private var buffer: ByteBuffer
    private var sourceEnded = false
    private var previousKey: SessionKey?
    private var readingHeader = true
    private let chunkSize: Int

    /// Compressed bytes read so far (equal to `offset` for an uncompressed file).
    public var storedBytesRead: Int64 { gzip?.compressedBytesRead ?? file.bytesRead }

    /// Opens `path` (`-`: standard input) and reads the header.
    ///
    /// - Parameter checkDigest: hash the content and compare it with the trailer at the end;
    ///   `inspect` turns this off to read at memory speed, `verify` and the loaders keep it.
    public convenience init(path: String, limits: RecordLimits = .default, checkDigest: Bool = true) throws {
        try self.init(file: FileInput.open(path), limits: limits, checkDigest: checkDigest)
    }

    /// Reads the header from `file`.
    public init(file: FileInput, limits: RecordLimits = .default, checkDigest: Bool = true, chunkSize: Int = 1 << 20)
        throws
    {
        self.file = file
        self.limits = limits
        self.checkDigest = checkDigest
        self.chunkSize = chunkSize
        let start = try file.peek(2)
        if start == SnapshotFormat.gzipMagic {
            let gzip = GzipInflateSource(file)
            self.gzip = gzip
            source = gzip
            compression = .gzip
        } else {
            gzip = nil
            source = file
            compression = .none
        }
        buffer = ByteBufferAllocator().buffer(capacity: chunkSize)
        header = SnapshotHeader(writer: "", created: 0, cluster: "")
        do {
            header = try readHeader()
            readingHeader = false
        } catch var error as SnapshotError {
            error.path = file.path
            throw error
        }
    }

    /// The next record, or nil after the end record has been read and checked.
    public func next() throws -> StoreRecord? {
        do {
            return try nextRecord()
        } catch var error as SnapshotError {
            error.path = file.path
            throw error
        }
    }

    private func nextRecord() throws -> StoreRecord? {
        guard trailer == nil else { return nil }
        let recordStart = offset
        try require(SnapshotFormat.recordPrefixSize, expected: "a record or the end record")
        let tag = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self)!
        let length = Int(buffer.getInteger(at: buffer.readerIndex + 1, as: UInt32.self)!)
        switch tag {
        case SnapshotFormat.recordTag:
            guard length <= limits.maxRecordBytes else {
                throw failure(.malformed("record length \(length) exceeds the limit of \(limits.maxRecordBytes)"))
            }
            try require(SnapshotFormat.recordPrefixSize + length, expected: "the rest of a \(length)-byte record")
            consume(SnapshotFormat.recordPrefixSize, hash: true)
            var payload = buffer.readSlice(length: length)!
            hash(payload)
            offset += Int64(length)
            let record: StoreRecord
            do {
                record = try SessionRecordCodec.decode(&payload, limits: limits)
            } catch {
                throw SnapshotError(
                    .badRecord(error), offset: recordStart + 5 + Int64(error.offset), record: recordIndex,
                    compressed: compression == .gzip)
            }
            if let previousKey, !(previousKey < record.key) {
                throw SnapshotError(
                    .outOfOrder(previous: previousKey, found: record.key), offset: recordStart, record: recordIndex,
                    compressed: compression == .gzip)
            }
            previousKey = record.key
            recordIndex += 1
            return record
        case SnapshotFormat.endTag:
            guard length == SnapshotFormat.trailerPayloadSize else {
                throw failure(.malformed("end record length \(length), expected \(SnapshotFormat.trailerPayloadSize)"))
            }
            try require(SnapshotFormat.recordPrefixSize + length, expected: "the \(length)-byte trailer")
            consume(SnapshotFormat.recordPrefixSize, hash: false)
            let count = buffer.readInteger(as: UInt64.self)!
            let digest = buffer.readBytes(length: 32)!
            offset += Int64(length)
            let trailer = SnapshotTrailer(count: count, digest: digest)
            guard count == UInt64(recordIndex) else {
                throw SnapshotError(
                    .countMismatch(declared: count, found: recordIndex), offset: recordStart, record: recordIndex,
                    compressed: compression == .gzip)
            }
            if checkDigest {
                let computed = SnapshotTrailer(count: count, digest: Array(hasher.finalize()))
                guard computed.digest == digest else {
                    throw SnapshotError(
                        .digestMismatch(expected: trailer.digestHex, computed: computed.digestHex),
                        offset: recordStart, record: recordIndex, compressed: compression == .gzip)
                }
            }
            try fill(upTo: 1)
            guard buffer.readableBytes == 0 else { throw failure(.trailingData) }
            self.trailer = trailer
            return nil
        default:
            throw failure(.malformed("unknown record tag 0x\(String(tag, radix: 16)) (expected 0x01 or 0xff)"))
        }
    }

    private func readHeader() throws -> SnapshotHeader {
        try fill(upTo: SnapshotFormat.preambleSize)
        if buffer.readableBytes == 0 {
            throw SnapshotError(.empty, offset: 0, record: nil, compressed: compression == .gzip)
        }
        let magic = buffer.getBytes(at: buffer.readerIndex, length: min(8, buffer.readableBytes))!
        guard magic == Array(SnapshotFormat.magic.prefix(magic.count)) else {
            throw SnapshotError(.notASnapshot(gzip: compression == .gzip), offset: 0, record: nil, compressed: compression == .gzip)
        }
        guard buffer.readableBytes >= SnapshotFormat.preambleSize else {
            throw headerFailure(.truncated(expected: "the 14-byte preamble (magic, version, header length)"))
        }
        let version = buffer.getInteger(at: buffer.readerIndex + 8, as: UInt16.self)!
        guard SnapshotFormat.supportedVersions.contains(version) else {
            throw SnapshotError(.unsupportedVersion(found: version), offset: 8, record: nil, compressed: compression == .gzip)
        }
        let length = Int(buffer.getInteger(at: buffer.readerIndex + 10, as: UInt32.self)!)
        guard length <= SnapshotFormat.maxHeaderBytes else {
            offset = 10
            throw headerFailure(.malformed("header length \(length) exceeds the limit of \(SnapshotFormat.maxHeaderBytes)"))
        }
        consume(SnapshotFormat.preambleSize, hash: true)
        try require(length, expected: "a \(length)-byte header", inHeader: true)
        var body = buffer.readSlice(length: length)!
        hash(body)
        let bodyStart = offset
        offset += Int64(length)
        do {
            return try SnapshotHeader.decodeBody(&body, formatVersion: version)
        } catch {
            throw SnapshotError(
                .badRecord(error), offset: bodyStart + Int64(error.offset), record: nil,
                compressed: compression == .gzip)
        }
    }

    /// Ensures `count` readable bytes, or throws `truncated`.
    private func require(_ count: Int, expected: @autoclosure () -> String, inHeader: Bool = false) throws {
        guard buffer.readableBytes < count else { return }
        try fill(upTo: count)
        guard buffer.readableBytes >= count else {
            let error = SnapshotError(
                .truncated(expected: expected()), offset: offset + Int64(buffer.readableBytes),
                record: inHeader ? nil : recordIndex, compressed: compression == .gzip)
            throw error
        }
    }

    /// Reads from the source until `count` bytes are readable or the source ends.
    private func fill(upTo count: Int) throws {
        while buffer.readableBytes < count && !sourceEnded {
            // Move the unread tail (at most one partial record) to the front, so the buffer stays
            // about one chunk plus one record long.
            if buffer.readerIndex > 0 { buffer.discardReadBytes() }
            let want = max(chunkSize, count - buffer.readableBytes)
            do {
                let got = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: want) { space in
                    try source.read(into: UnsafeMutableRawBufferPointer(rebasing: space.prefix(want)))
                }
                if got == 0 { sourceEnded = true }
            } catch let error as GzipError {
                throw SnapshotError(
                    .compressedStream("\(error.reason) at compressed byte \(error.compressedOffset)"),
                    offset: offset + Int64(buffer.readableBytes), record: readingHeader ? nil : recordIndex,
                    compressed: true)
            }
        }
    }

    private func consume(_ count: Int, hash shouldHash: Bool) {
        if shouldHash, checkDigest {
            buffer.withUnsafeReadableBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
        }
        buffer.moveReaderIndex(forwardBy: count)
        offset += Int64(count)
    }

    private func hash(_ slice: ByteBuffer) {
        guard checkDigest else { return }
        slice.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
    }

    private func failure(_ kind: SnapshotError.Kind) -> SnapshotError {
        SnapshotError(kind, offset: offset, record: recordIndex, compressed: compression == .gzip)
    }

    private func headerFailure(_ kind: SnapshotError.Kind) -> SnapshotError {
        SnapshotError(kind, offset: offset, record: nil, compressed: compression == .gzip)
    }
}
