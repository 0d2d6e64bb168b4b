import NIOCore
import TernCore

/// Reads the fields of one frame payload, turning every problem into a `FrameBodyError` that names
/// the field and its payload offset. Lists are checked against `FrameLimits` and against the bytes
/// that remain before anything is reserved for them.
struct BodyReader {
    private var fields: FieldReader
    let limits: FrameLimits

    init(payload: ByteBuffer, limits: FrameLimits) {
        self.fields = FieldReader(buffer: payload)
        self.limits = limits
    }

    /// Bytes read so far.
    var offset: Int { fields.offset }

    /// Bytes not read yet.
    var remaining: Int { fields.buffer.readableBytes }

    mutating func integer<T: FixedWidthInteger>(_ field: @autoclosure () -> String) throws(FrameBodyError) -> T {
        do { return try fields.integer(field()) } catch { throw FrameBodyError(error) }
    }

    mutating func shortString(_ field: @autoclosure () -> String) throws(FrameBodyError) -> String {
        do { return try fields.shortString(field()) } catch { throw FrameBodyError(error) }
    }

    mutating func version(_ field: String) throws(FrameBodyError) -> Version {
        let physical: UInt64 = try integer(field)
        let logical: UInt32 = try integer(field)
        let high: UInt64 = try integer(field + " origin")
        let low: UInt64 = try integer(field + " origin")
        return Version(physical: physical, logical: logical, origin: MemberID(high: high, low: low))
    }

    mutating func key() throws(FrameBodyError) -> SessionKey {
        let context = try shortString("context")
        let id = try shortString("session id")
        return SessionKey(context: context, id: id)
    }

    mutating func attributes() throws(FrameBodyError) -> Attributes {
        do { return try fields.attributes(limits: limits.records) } catch { throw FrameBodyError(error) }
    }

    mutating func bytes(_ field: String, count: Int) throws(FrameBodyError) -> [UInt8] {
        let at = offset
        guard let bytes = fields.buffer.readBytes(length: count) else {
            throw FrameBodyError(.field(.truncated(field: field)), at: at)
        }
        return bytes
    }

    /// Reads a u32 count of `field` and checks it against `limit` and against the remaining bytes,
    /// given that each element takes at least `minimumSize` bytes.
    mutating func count(_ field: String, limit: Int, minimumSize: Int) throws(FrameBodyError) -> Int {
        let at = offset
        let count = Int(try integer(field) as UInt32)
        guard count <= limit else {
            throw FrameBodyError(.field(.tooLarge(field: field, size: count, limit: limit)), at: at)
        }
        guard count * minimumSize <= remaining else {
            throw FrameBodyError(.field(.truncated(field: field.replacingCount(with: "list"))), at: at)
        }
        return count
    }

    /// Reads a context list: u32 count, each a u16-prefixed string.
    mutating func contexts() throws(FrameBodyError) -> [String] {
        let count = try count("context count", limit: limits.maxListCount, minimumSize: 2)
        var contexts: [String] = []
        contexts.reserveCapacity(count)
        for _ in 0..<count { contexts.append(try shortString("context")) }
        return contexts
    }

    /// Reads a version vector: u32 count, each a 28-byte version, origins strictly increasing.
    mutating func versionVector() throws(FrameBodyError) -> VersionVector {
        let count = try count("version vector count", limit: limits.maxListCount, minimumSize: 28)
        var versions: [Version] = []
        versions.reserveCapacity(count)
        for _ in 0..<count {
            let at = offset
            let version = try version("version vector entry")
            if let previous = versions.last, !(previous.origin < version.origin) {
                throw FrameBodyError(.outOfOrder(field: "version vector origins"), at: at)
            }
            versions.append(version)
        }
        return VersionVector(versions)
    }

    /// Reads a tag whose value must be 0 or 1.
    mutating func presence(_ field: String) throws(FrameBodyError) -> Bool {
        let at = offset
        let value: UInt8 = try integer(field + " presence")
        guard value <= 1 else { throw FrameBodyError(.invalidPresence(field: field, value: value), at: at) }
        return value == 1
    }

    /// Reads one session record that fills the next `length` bytes.
    mutating func record(length: Int) throws(FrameBodyError) -> StoreRecord {
        let at = offset
        guard var slice = fields.buffer.readSlice(length: length) else {
            throw FrameBodyError(.field(.truncated(field: "record")), at: at)
        }
        do { return try SessionRecordCodec.decode(&slice, limits: limits.records) } catch {
            throw FrameBodyError(error, base: at)
        }
    }

    /// Throws unless every byte was read.
    func finish() throws(FrameBodyError) {
        guard remaining == 0 else { throw FrameBodyError(.field(.trailingBytes(remaining)), at: offset) }
    }
}

extension String {
    /// `touch count` → `touch list`: the field a count announces.
    fileprivate func replacingCount(with word: String) -> String {
        hasSuffix(" count") ? String(dropLast(5)) + word : self
    }
}
