import TernCore
import TernWire

/// Why a snapshot could not be read, and where: the byte offset in the (uncompressed) container and
/// the index of the record being read (0-based; nil in the header).
public struct SnapshotError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong.
    public enum Kind: Sendable, Equatable {
        /// The input has no bytes at all.
        case empty
        /// The input does not start with the snapshot magic; `gzip` says whether it was compressed.
        case notASnapshot(gzip: Bool)
        /// The file's format version is not one this build reads.
        case unsupportedVersion(found: UInt16)
        /// The input ended where `expected` was due.
        case truncated(expected: String)
        /// A length or tag that cannot be right.
        case malformed(String)
        /// A record's payload did not decode.
        case badRecord(RecordDecodingError)
        /// Records must be in strictly increasing key order.
        case outOfOrder(previous: SessionKey, found: SessionKey)
        /// The trailer's digest does not match the bytes read.
        case digestMismatch(expected: String, computed: String)
        /// The trailer's count does not match the records read.
        case countMismatch(declared: UInt64, found: Int)
        /// Bytes follow the end record.
        case trailingData
        /// The gzip stream is damaged.
        case compressedStream(String)
    }

    /// What was wrong.
    public var kind: Kind
    /// Byte offset in the uncompressed container.
    public var offset: Int64
    /// The record being read, 0-based; nil while reading the header.
    public var record: Int?
    /// Whether the container was gzip-compressed (offsets are then uncompressed offsets).
    public var compressed: Bool
    /// The file being read, when known (`-` for standard input); the reader fills it in.
    public var path: String?

    /// Creates an error.
    public init(_ kind: Kind, offset: Int64, record: Int?, compressed: Bool = false) {
        self.kind = kind
        self.offset = offset
        self.record = record
        self.compressed = compressed
    }

    /// One line: what was expected, then where.
    public var description: String {
        let name = path.map { ($0 == "-" ? "standard input" : $0) + ": " } ?? ""
        return name + problem
    }

    private var problem: String {
        let what: String
        switch kind {
        case .empty: return "empty file: not a tern snapshot"
        case .notASnapshot(let gzip):
            return gzip
                ? "not a tern snapshot: gzip data that does not contain a snapshot"
                : "not a tern snapshot (no snapshot magic at the start)"
        case .unsupportedVersion(let found):
            let supported = SnapshotFormat.supportedVersions
            return "snapshot format version \(found) is not supported (this build reads \(supported.lowerBound)"
                + (supported.count > 1 ? "...\(supported.upperBound))" : ")")
                + (found > supported.upperBound ? "; a newer tern wrote it" : "")
        case .truncated(let expected): what = "truncated: expected \(expected), found end of file"
        case .malformed(let text): what = text
        case .badRecord(let error): what = (record == nil ? "header " : "record ") + error.description
        case .outOfOrder(let previous, let found):
            what = "record key \(found) does not follow \(previous) (records must be in increasing key order)"
        case .digestMismatch(let expected, let computed):
            what = "SHA-256 mismatch: trailer says \(expected), content hashes to \(computed)"
        case .countMismatch(let declared, let found):
            what = "trailer declares \(declared) records, found \(found)"
        case .trailingData: what = "unexpected data after the end record"
        case .compressedStream(let text): what = "damaged gzip stream: \(text)"
        }
        var place = compressed ? "at uncompressed byte \(offset)" : "at byte \(offset)"
        if let record { place += ", record \(record)" } else { place += ", in the header" }
        return "corrupt snapshot: \(what) (\(place))"
    }
}
