#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One named session attribute; the core never interprets its value.
public struct Attribute: Sendable, Hashable {
    /// The attribute's name.
    public var name: String
    /// The attribute's value, opaque bytes.
    public var value: [UInt8]

    /// Creates an attribute.
    public init(name: String, value: [UInt8]) {
        self.name = name
        self.value = value
    }

    /// Byte-wise equality of name and value.
    public static func == (lhs: Attribute, rhs: Attribute) -> Bool {
        lhs.name.utf8Equals(rhs.name) && lhs.value == rhs.value
    }

    /// Hashes the name's bytes and the value.
    public func hash(into hasher: inout Hasher) {
        for byte in name.utf8 { hasher.combine(byte) }
        hasher.combine(value)
    }
}

/// A session's attributes: unique names in UTF-8 byte order, the canonical form, so that equal
/// sessions always encode to equal bytes.
///
/// All names and values sit in one allocation (`AttributeStorage`; docs/PERFORMANCE.md, "A
/// session's bytes"), one shared by all empty attributes. An element read through the collection is
/// a copy; codecs read names and values in place with `withBytes(at:)`, and decoders write them in
/// place with `init(count:bytes:_:)`.
///
/// Sendable although its storage class is not declared so: the storage is never written after it
/// is built (every change builds new storage), so threads only ever share bytes that stay the same.
public struct Attributes: @unchecked Sendable, Hashable, RandomAccessCollection {
    /// Not optional: an optional reference would leave a `StoreRecord` no spare bits for its case,
    /// and make it 8 bytes longer.
    @usableFromInline var storage: AttributeStorage

    /// No attributes.
    public init() {
        storage = .empty
    }

    /// Builds the canonical form of `attributes`; a later duplicate name replaces an earlier one.
    public init(_ attributes: some Sequence<Attribute>) {
        // By name, then in the order given: the last of each run of one name wins.
        let sorted = attributes.enumerated().sorted { left, right in
            left.element.name.utf8Equals(right.element.name)
                ? left.offset < right.offset : left.element.name.utf8Precedes(right.element.name)
        }
        var unique: [Attribute] = []
        unique.reserveCapacity(sorted.count)
        for (_, attribute) in sorted {
            if let last = unique.last, last.name.utf8Equals(attribute.name) {
                unique[unique.count - 1] = attribute
            } else {
                unique.append(attribute)
            }
        }
        self.init(canonical: unique)
    }

    /// Adopts `sorted` as is; the caller promises names are unique and in byte order
    /// (`isCanonical` checks it).
    public init(canonical sorted: [Attribute]) {
        let bytes = sorted.reduce(0) { $0 + $1.name.utf8.count + $1.value.count }
        self.init(count: sorted.count, bytes: bytes) { writer in
            for attribute in sorted {
                var name = attribute.name
                name.withUTF8 { name in
                    attribute.value.withUnsafeBytes { writer.append(name: UnsafeRawBufferPointer(name), value: $0) }
                }
            }
        }
    }

    /// Builds attributes in place: `body` appends `count` names and values, `bytes` bytes in all,
    /// in canonical order (names unique, in strictly increasing byte order, valid UTF-8). Decoders
    /// use this to copy each name and value once, from their input into the storage.
    @inlinable
    public init<E: Error>(count: Int, bytes: Int, _ body: (inout Writer) throws(E) -> Void) throws(E) {
        guard count > 0 else {
            var writer = Writer(base: nil, count: 0, capacity: 0)
            try body(&writer)
            precondition(writer.isComplete, "Attributes(count:bytes:) was given fewer names and values than promised")
            storage = .empty
            return
        }
        let storage = AttributeStorage.make(count: count, dataBytes: bytes)
        try withExtendedLifetime(storage) { () throws(E) in
            let base = storage.withUnsafeMutablePointerToElements { UnsafeMutableRawPointer($0) }
            var writer = Writer(base: base, count: count, capacity: bytes)
            try body(&writer)
            precondition(writer.isComplete, "Attributes(count:bytes:) was given fewer names and values than promised")
        }
        self.storage = storage
    }

    /// Whether names are strictly increasing in byte order.
    public static func isCanonical(_ attributes: [Attribute]) -> Bool {
        zip(attributes, attributes.dropFirst()).allSatisfy { $0.name.utf8Precedes($1.name) }
    }

    /// Every attribute, copied out, in order.
    public var elements: [Attribute] { Array(self) }

    // MARK: - Collection

    /// The first position.
    @inlinable public var startIndex: Int { 0 }
    /// One past the last position.
    @inlinable public var endIndex: Int { storage.count }
    /// The attribute at `position`, copied out.
    public subscript(position: Int) -> Attribute {
        withBytes(at: position) { name, value in
            Attribute(name: String(decoding: name, as: UTF8.self), value: Array(value))
        }
    }

    // MARK: - Reading in place

    /// Runs `body` on the name's UTF-8 bytes and the value's bytes at `position`, in place.
    @inlinable
    public func withBytes<R, E>(
        at position: Int, _ body: (_ name: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        precondition(position >= 0 && position < storage.count, "Attributes: position out of range")
        return try storage.withEntry(at: position, body)
    }

    /// The name at `position`.
    public func name(at position: Int) -> String {
        withBytes(at: position) { name, _ in String(decoding: name, as: UTF8.self) }
    }

    /// The UTF-8 size of the name at `position`.
    @inlinable
    public func nameCount(at position: Int) -> Int {
        withBytes(at: position) { name, _ in name.count }
    }

    /// The size of the value at `position`.
    @inlinable
    public func valueCount(at position: Int) -> Int {
        withBytes(at: position) { _, value in value.count }
    }

    /// The value named `name`, or nil; setting nil removes it.
    public subscript(name: String) -> [UInt8]? {
        get {
            guard let position = position(of: name) else { return nil }
            return withBytes(at: position) { _, value in Array(value) }
        }
        set {
            if let newValue {
                self = updating(set: Attributes(canonical: [Attribute(name: name, value: newValue)]), remove: [])
            } else if position(of: name) != nil {
                self = updating(set: Attributes(), remove: [name])
            }
        }
    }

    /// Whether `attribute`'s name is held with its value (by binary search, without copying).
    public func contains(_ attribute: Attribute) -> Bool {
        guard let position = position(of: attribute.name) else { return false }
        return withBytes(at: position) { _, value in attribute.value.withUnsafeBytes { Self.equal(value, $0) } }
    }

    /// The names, in order.
    public var names: [String] { indices.map(name(at:)) }

    /// The sum of all value sizes in bytes.
    @inlinable
    public var valueBytes: Int {
        Int(storage.header.dataBytes) - nameBytes
    }

    /// The sum of all name sizes in UTF-8 bytes.
    @inlinable
    public var nameBytes: Int {
        var total = 0
        for position in 0..<count { total += nameCount(at: position) }
        return total
    }

    /// The position of `name`, by binary search over the names' bytes.
    public func position(of name: String) -> Int? {
        var name = name
        return name.withUTF8 { name -> Int? in
            var low = 0
            var high = count
            while low < high {
                let middle = (low + high) / 2
                switch withBytes(at: middle, { held, _ in Self.compare(held, UnsafeRawBufferPointer(name)) }) {
                case .equal: return middle
                case .less: low = middle + 1
                case .greater: high = middle
                }
            }
            return nil
        }
    }

    // MARK: - Equality

    /// Equal names and values: equal bytes, since the form is canonical.
    public static func == (lhs: Attributes, rhs: Attributes) -> Bool {
        let (left, right) = (lhs.storage, rhs.storage)
        if left === right { return true }
        guard left.count == right.count, left.usedBytes == right.usedBytes else { return false }
        return left.withBytes { a in right.withBytes { b in Self.equal(a, b) } }
    }

    /// Hashes the names and values.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        storage.withBytes { hasher.combine(bytes: $0) }
    }

    /// Whether two byte ranges hold the same bytes.
    static func equal(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        lhs.count == rhs.count && (lhs.isEmpty || memcmp(lhs.baseAddress!, rhs.baseAddress!, lhs.count) == 0)
    }

    /// How two names order.
    enum Comparison { case less, equal, greater }

    /// Byte-wise order of two names.
    static func compare(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Comparison {
        let common = Swift.min(lhs.count, rhs.count)
        if common > 0 {
            let result = memcmp(lhs.baseAddress!, rhs.baseAddress!, common)
            if result != 0 { return result < 0 ? .less : .greater }
        }
        return lhs.count == rhs.count ? .equal : lhs.count < rhs.count ? .less : .greater
    }
}
