/// The count and size of an `Attributes`' storage.
@usableFromInline
struct AttributeStorageHeader {
    /// How many attributes.
    @usableFromInline var count: UInt32
    /// The bytes of their names and values together.
    @usableFromInline var dataBytes: UInt32

    @usableFromInline
    init(count: UInt32, dataBytes: UInt32) {
        self.count = count
        self.dataBytes = dataBytes
    }
}

/// A session's attribute names and values in one allocation (docs/PERFORMANCE.md, "A session's
/// bytes"): after the header, a table of two 32-bit offsets per attribute (where its name ends
/// and where its value ends, counted from the end of the table), then each name and value, back to
/// back in canonical order. Built once, never changed after: an `Attributes` that changes builds a
/// new one.
///
/// Its readers are `@inlinable` so that the codecs in TernWire get them specialized and inlined
/// (called across the module boundary unspecialized, they cost a server streaming its state 5 % more CPU).
@usableFromInline
final class AttributeStorage: ManagedBuffer<AttributeStorageHeader, UInt8> {
    /// Storage for `count` attributes of `dataBytes` bytes of names and values, table and bytes
    /// uninitialized: `Attributes.Writer` writes them.
    @usableFromInline
    static func make(count: Int, dataBytes: Int) -> AttributeStorage {
        precondition(count >= 0 && count <= Int(UInt32.max), "an attribute storage holds fewer than 2^32 attributes")
        precondition(dataBytes <= Int(UInt32.max), "attributes hold less than 4 GiB of names and values")
        let buffer = create(minimumCapacity: 8 * count + dataBytes) { _ in
            AttributeStorageHeader(count: UInt32(count), dataBytes: UInt32(dataBytes))
        }
        return unsafeDowncast(buffer, to: AttributeStorage.self)
    }

    /// The storage of every empty `Attributes`.
    @usableFromInline nonisolated(unsafe) static let empty = make(count: 0, dataBytes: 0)

    /// The number of attributes.
    @inlinable var count: Int { Int(header.count) }

    /// The table's and the bytes' size together: what equality and hashing compare.
    @inlinable var usedBytes: Int { 8 * Int(header.count) + Int(header.dataBytes) }

    /// Runs `body` on the table and bytes.
    @inlinable
    func withBytes<R, E>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        let pointer = withUnsafeMutablePointerToElements { UnsafeRawPointer($0) }
        defer { withExtendedLifetime(self) {} }
        return try body(UnsafeRawBufferPointer(start: pointer, count: usedBytes))
    }

    /// Runs `body` on the name and the value at `position`, in place.
    @inlinable
    func withEntry<R, E>(
        at position: Int, _ body: (_ name: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        let table = withUnsafeMutablePointerToElements { UnsafeRawPointer($0) }
        defer { withExtendedLifetime(self) {} }
        let data = table + 8 * count
        let nameStart =
            position == 0 ? 0 : Int(table.loadUnaligned(fromByteOffset: 8 * position - 4, as: UInt32.self))
        let nameEnd = Int(table.loadUnaligned(fromByteOffset: 8 * position, as: UInt32.self))
        let valueEnd = Int(table.loadUnaligned(fromByteOffset: 8 * position + 4, as: UInt32.self))
        return try body(
            UnsafeRawBufferPointer(start: data + nameStart, count: nameEnd - nameStart),
            UnsafeRawBufferPointer(start: data + nameEnd, count: valueEnd - nameEnd))
    }
}
