import NIOCore

/// An error type a `WireReader` can throw: it knows how to say "ended inside a field" and
/// "a field is not valid text", at an offset.
protocol WireReadingFailure: Error {
    /// The bytes ended inside `field`, which started at `offset`.
    static func truncated(_ field: String, at offset: Int) -> Self
    /// `field`, at `offset`, is not valid UTF-8.
    static func invalidText(_ field: String, at offset: Int) -> Self
}

/// Reads big-endian fields from one datagram or frame payload, turning every shortfall into the
/// codec's own typed error with the field's name and its offset from the first byte.
struct WireReader<Failure: WireReadingFailure> {
    /// The bytes not yet read.
    var buffer: ByteBuffer
    private let start: Int

    /// Starts at `buffer`'s reader index, which is offset 0 in errors unless `base` says otherwise.
    init(_ buffer: ByteBuffer, base: Int = 0) {
        self.buffer = buffer
        self.start = buffer.readerIndex - base
    }

    /// Bytes read so far (plus the base).
    var offset: Int { buffer.readerIndex - start }

    /// Reads a big-endian integer.
    mutating func integer<T: FixedWidthInteger>(_ field: @autoclosure () -> String) throws(Failure) -> T {
        guard let value = buffer.readInteger(as: T.self) else { throw Failure.truncated(field(), at: offset) }
        return value
    }

    /// Reads `count` raw bytes.
    mutating func bytes(_ field: @autoclosure () -> String, count: Int) throws(Failure) -> [UInt8] {
        guard let bytes = buffer.readBytes(length: count) else { throw Failure.truncated(field(), at: offset) }
        return bytes
    }

    /// Reads `count` bytes as a slice, without copying.
    mutating func slice(_ field: @autoclosure () -> String, count: Int) throws(Failure) -> ByteBuffer {
        guard let slice = buffer.readSlice(length: count) else { throw Failure.truncated(field(), at: offset) }
        return slice
    }

    /// Reads `count` bytes of UTF-8.
    mutating func text(_ field: @autoclosure () -> String, count: Int) throws(Failure) -> String {
        let at = offset
        guard let view = buffer.readSlice(length: count)?.readableBytesView else {
            throw Failure.truncated(field(), at: at)
        }
        guard let text = String(validating: view, as: UTF8.self) else { throw Failure.invalidText(field(), at: at) }
        return text
    }

    /// Reads bytes equal to `expected`, or returns what was found instead (nil when too short).
    mutating func expect(_ expected: [UInt8]) -> (matched: Bool, found: [UInt8]?) {
        guard let found = buffer.getBytes(at: buffer.readerIndex, length: expected.count) else {
            return (false, nil)
        }
        if found == expected { buffer.moveReaderIndex(forwardBy: expected.count) }
        return (found == expected, found)
    }
}
