extension Attributes {
    /// Appends names and values to attributes being built by `Attributes(count:bytes:_:)`. It
    /// writes into storage the initializer owns: use it only inside the body it is handed to.
    public struct Writer {
        private let base: UnsafeMutableRawPointer?
        private let count: Int
        private let capacity: Int
        private var written = 0
        private var end = 0

        @usableFromInline
        init(base: UnsafeMutableRawPointer?, count: Int, capacity: Int) {
            self.base = base
            self.count = count
            self.capacity = capacity
        }

        @usableFromInline var isComplete: Bool { written == count && end == capacity }

        /// Appends one attribute: `name`'s bytes (valid UTF-8) and `value`'s. Names must come in
        /// strictly increasing byte order.
        public mutating func append(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
            precondition(
                written < count && end + name.count + value.count <= capacity, "Attributes.Writer: more than promised")
            let table = base!
            let data = table + 8 * count
            if written > 0 {
                let previousStart =
                    written == 1 ? 0 : Int(table.loadUnaligned(fromByteOffset: 8 * written - 12, as: UInt32.self))
                let previousEnd = Int(table.loadUnaligned(fromByteOffset: 8 * written - 8, as: UInt32.self))
                let previous = UnsafeRawBufferPointer(start: data + previousStart, count: previousEnd - previousStart)
                precondition(Attributes.compare(previous, name) == .less, "Attributes.Writer: names out of order")
            }
            if let source = name.baseAddress { (data + end).copyMemory(from: source, byteCount: name.count) }
            end += name.count
            table.storeBytes(of: UInt32(end), toByteOffset: 8 * written, as: UInt32.self)
            if let source = value.baseAddress { (data + end).copyMemory(from: source, byteCount: value.count) }
            end += value.count
            table.storeBytes(of: UInt32(end), toByteOffset: 8 * written + 4, as: UInt32.self)
            written += 1
        }
    }
}
