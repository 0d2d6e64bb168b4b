import TernFiles

/// Reads `\n`-terminated lines from a source in large chunks; a line longer than `maxLineBytes` is
/// an error rather than unbounded memory.
package final class LineReader {
    package struct LineTooLong: Error {
        package let line: Int
        package let limit: Int
    }

    private let source: ByteSource
    private let maxLineBytes: Int
    private var buffer = [UInt8](repeating: 0, count: 1 << 20)
    private var filled = 0
    private var start = 0
    private var ended = false
    /// 1-based number of the line last returned.
    package private(set) var lineNumber = 0

    package init(_ source: ByteSource, maxLineBytes: Int) {
        self.source = source
        self.maxLineBytes = maxLineBytes
    }

    /// The next line without its terminator (and without a trailing `\r`), or nil at the end.
    package func next() throws -> ArraySlice<UInt8>? {
        var scanFrom = start
        while true {
            if let newline = buffer[scanFrom..<filled].firstIndex(of: 0x0A) {
                var line = buffer[start..<newline]
                if line.last == 0x0D { line = line.dropLast() }
                start = newline + 1
                lineNumber += 1
                return line
            }
            if ended {
                guard start < filled else { return nil }
                var line = buffer[start..<filled]
                if line.last == 0x0D { line = line.dropLast() }
                start = filled
                lineNumber += 1
                return line
            }
            if filled - start > maxLineBytes { throw LineTooLong(line: lineNumber + 1, limit: maxLineBytes) }
            // Move the partial line to the front, grow only when it fills the buffer, then read.
            if start > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    raw.baseAddress!.copyMemory(from: raw.baseAddress! + start, byteCount: filled - start)
                }
                filled -= start
                start = 0
            }
            if filled == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            scanFrom = filled
            let got = try buffer.withUnsafeMutableBytes { raw in
                try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
            }
            if got == 0 { ended = true }
            filled += got
        }
    }
}
