import NIOCore
import TernCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the fields of one record, turning every shortfall into a `RecordDecodingError` that names
/// the field and its offset.
public struct FieldReader {
    /// The bytes not yet read.
    public var buffer: ByteBuffer
    let start: Int

    /// Starts reading at `buffer`'s reader index.
    public init(buffer: ByteBuffer) {
        self.buffer = buffer
        self.start = buffer.readerIndex
    }

    /// Bytes read so far.
    public var offset: Int { buffer.readerIndex - start }

    /// Reads a big-endian integer.
    public mutating func integer<T: FixedWidthInteger>(_ field: @autoclosure () -> String) throws(RecordDecodingError) -> T {
        guard let value = buffer.readInteger(as: T.self) else {
            throw RecordDecodingError(.truncated(field: field()), at: offset)
        }
        return value
    }

    /// Reads a string with a u16 length prefix.
    public mutating func shortString(_ field: @autoclosure () -> String) throws(RecordDecodingError) -> String {
        let length = Int(try integer(field() + " length") as UInt16)
        return try string(field(), length: length)
    }

    /// Reads `length` bytes of UTF-8.
    public mutating func string(_ field: @autoclosure () -> String, length: Int) throws(RecordDecodingError) -> String {
        let at = offset
        guard let bytes = buffer.readSlice(length: length) else {
            throw RecordDecodingError(.truncated(field: field()), at: at)
        }
        guard let string = Self.validUTF8(bytes) else {
            throw RecordDecodingError(.invalidUTF8(field: field()), at: at)
        }
        return string
    }

    /// The text of `bytes` if they are valid UTF-8, else nil. Decoding repairs bad bytes, so the
    /// bytes are valid exactly when the decoded text has the same bytes; this takes the library's
    /// fast, non-generic path (`String(validating:as:)` over a `ByteBufferView` runs generic code
    /// that looks up type metadata for every string: 4 % of a receiver's time per 1 KiB put).
    static func validUTF8(_ bytes: ByteBuffer) -> String? {
        bytes.withUnsafeReadableBytes { raw in
            let input = raw.assumingMemoryBound(to: UInt8.self)
            var text = String(decoding: input, as: UTF8.self)
            let same = text.withUTF8 { output in
                output.count == input.count
                    && (input.isEmpty || memcmp(output.baseAddress!, raw.baseAddress!, input.count) == 0)
            }
            return same ? text : nil
        }
    }

    /// Reads a 16-byte member id.
    public mutating func memberID(_ field: @autoclosure () -> String) throws(RecordDecodingError) -> MemberID {
        let high: UInt64 = try integer(field())
        let low: UInt64 = try integer(field())
        return MemberID(high: high, low: low)
    }

    /// Reads a version (physical u64, logical u32, origin).
    public mutating func version() throws(RecordDecodingError) -> Version {
        let physical: UInt64 = try integer("version")
        let logical: UInt32 = try integer("version")
        let origin = try memberID("version origin")
        return Version(physical: physical, logical: logical, origin: origin)
    }

    /// Reads an attribute count and the attributes, enforcing `limits` and canonical order.
    ///
    /// A first pass checks every name and size without copying anything; a second copies each name
    /// and value once, into the attributes' one allocation.
    public mutating func attributes(limits: RecordLimits) throws(RecordDecodingError) -> Attributes {
        let countOffset = offset
        let count = Int(try integer("attribute count") as UInt32)
        // Each attribute takes at least 6 bytes, so a count the remaining bytes cannot hold is
        // rejected before any storage is reserved for it.
        guard count <= limits.maxAttributes else {
            throw RecordDecodingError(
                .tooLarge(field: "attribute count", size: count, limit: limits.maxAttributes), at: countOffset)
        }
        guard count * 6 <= buffer.readableBytes else {
            throw RecordDecodingError(.truncated(field: "attributes"), at: countOffset)
        }
        let entries = buffer
        var bytes = 0
        var previous: String?
        for _ in 0..<count {
            let nameOffset = offset
            let name = try shortString("attribute name")
            if let previous, !previous.utf8Precedes(name) {
                throw RecordDecodingError(.attributeOrder(name: name), at: nameOffset)
            }
            let sizeOffset = offset
            let size = Int(try integer("attribute \"\(name)\" size") as UInt32)
            guard size <= limits.maxAttributeBytes else {
                throw RecordDecodingError(
                    .tooLarge(field: "attribute \"\(name)\"", size: size, limit: limits.maxAttributeBytes),
                    at: sizeOffset)
            }
            guard buffer.readableBytes >= size else {
                throw RecordDecodingError(.truncated(field: "attribute \"\(name)\" value"), at: offset)
            }
            buffer.moveReaderIndex(forwardBy: size)
            bytes += name.utf8.count + size
            previous = name
        }
        return Attributes(count: count, bytes: bytes) { writer in
            // Checked above: every length and every byte is there.
            entries.withUnsafeReadableBytes { raw in
                var at = 0
                for _ in 0..<count {
                    let nameLength = Int(UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt16.self)))
                    let name = UnsafeRawBufferPointer(rebasing: raw[at + 2..<at + 2 + nameLength])
                    at += 2 + nameLength
                    let valueLength = Int(UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
                    let value = UnsafeRawBufferPointer(rebasing: raw[at + 4..<at + 4 + valueLength])
                    writer.append(name: name, value: value)
                    at += 4 + valueLength
                }
            }
        }
    }
}
