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
public struct Attributes: Sendable, Hashable, RandomAccessCollection {
    /// The attributes, sorted by name bytes, names unique.
    public private(set) var elements: [Attribute]

    /// No attributes.
    public init() {
        elements = []
    }

    /// Builds the canonical form of `attributes`; a later duplicate name replaces an earlier one.
    public init(_ attributes: some Sequence<Attribute>) {
        elements = []
        for attribute in attributes {
            self[attribute.name] = attribute.value
        }
    }

    /// Adopts `sorted` as is; the caller promises names are unique and in byte order
    /// (`isCanonical` checks it). Decoders use this to avoid re-sorting what they validated.
    public init(canonical sorted: [Attribute]) {
        elements = sorted
    }

    /// Whether names are strictly increasing in byte order.
    public static func isCanonical(_ attributes: [Attribute]) -> Bool {
        zip(attributes, attributes.dropFirst()).allSatisfy { $0.name.utf8Precedes($1.name) }
    }

    /// The first position.
    public var startIndex: Int { elements.startIndex }
    /// One past the last position.
    public var endIndex: Int { elements.endIndex }
    /// The attribute at `position`.
    public subscript(position: Int) -> Attribute { elements[position] }

    /// The value named `name`, or nil; setting nil removes it.
    public subscript(name: String) -> [UInt8]? {
        get {
            let index = insertionIndex(of: name)
            guard index < elements.count, elements[index].name.utf8Equals(name) else { return nil }
            return elements[index].value
        }
        set {
            let index = insertionIndex(of: name)
            let present = index < elements.count && elements[index].name.utf8Equals(name)
            switch (present, newValue) {
            case (true, let value?): elements[index].value = value
            case (true, nil): elements.remove(at: index)
            case (false, let value?): elements.insert(Attribute(name: name, value: value), at: index)
            case (false, nil): break
            }
        }
    }

    /// The names, in order.
    public var names: [String] { elements.map(\.name) }

    /// The sum of all value sizes in bytes.
    public var valueBytes: Int { elements.reduce(0) { $0 + $1.value.count } }

    private func insertionIndex(of name: String) -> Int {
        var low = 0
        var high = elements.count
        while low < high {
            let middle = (low + high) / 2
            if elements[middle].name.utf8Precedes(name) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }
}
