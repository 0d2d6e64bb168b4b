/// A source of bytes read in order: a file, standard input, or a decompressor.
public protocol ByteSource: AnyObject {
    /// Fills at most `buffer.count` bytes; returns how many, 0 only at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A destination of bytes written in order: a file, standard output, or a compressor.
public protocol ByteSink: AnyObject {
    /// Writes all of `bytes` (or buffers them).
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Writes out everything buffered, trailers included; nothing may be written after.
    func finish() throws
}

extension ByteSink {
    /// Writes an array of bytes.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}
