import TernSnapshot

/// Reads `\n`-terminated lines from a source in large chunks; a line longer than `maxLineBytes` is
/// an error rather than unbounded memory.
final class LineReader {
    struct LineTooLong: Error {
        let line: Int
        let limit: Int
    }

    private let source: ByteSource
    private let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var ended = false
    /// 1-based number of the line last returned.
    private(set) var lineNumber = 0

    init(_ source: ByteSource, maxLineBytes: Int) {
        self.source = source
        self.maxLineBytes = maxLineBytes
    }

    /// The next line without its terminator (and without a trailing `\r`), or nil at the end.
    func next() throws -> ArraySlice<UInt8>? {
        var scanFrom = start
        while true {
            if let newline = buffer[scanFrom...].firstIndex(of: 0x0A) {
                var line = buffer[start..<newline]
                if line.last == 0x0D { line = line.dropLast() }
                start = newline + 1
                lineNumber += 1
                return line
            }
            if ended {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                lineNumber += 1
                return line
            }
            if buffer.count - start > maxLineBytes { throw LineTooLong(line: lineNumber + 1, limit: maxLineBytes) }
            if start > 0 {
                buffer.removeFirst(start)
                start = 0
            }
            scanFrom = buffer.count
            let chunk = 1 << 20
            let oldCount = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: chunk))
            let got = try buffer.withUnsafeMutableBytes { raw in
                try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[oldCount...]))
            }
            buffer.removeLast(chunk - got)
            if got == 0 { ended = true }
        }
    }
}
