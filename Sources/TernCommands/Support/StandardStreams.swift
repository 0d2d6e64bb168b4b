import TernFiles

#if canImport(Glibc)
import Glibc
#endif

/// Buffered standard output: data goes here; one buffer, flushed at exit.
public final class StandardOutput: @unchecked Sendable {
    /// The process's standard output.
    public static let shared = StandardOutput()
    private let file: OutputFile?

    private init() {
        file = try? OutputFile.create("-", bufferSize: 256 << 10)
    }

    /// Writes `text` and a newline.
    public func line(_ text: String) throws {
        var text = text
        text.append("\n")
        try text.withUTF8 { try file?.write(UnsafeRawBufferPointer($0)) }
    }

    /// Writes a JSON value as one line.
    public func line(_ value: JSONValue) throws {
        var bytes: [UInt8] = []
        value.write(to: &bytes)
        bytes.append(0x0A)
        try bytes.withUnsafeBytes { try file?.write($0) }
    }

    /// Writes raw bytes.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try file?.write(bytes)
    }

    /// Flushes; exits 74 if standard output cannot be written (a full disk, say).
    package func flushOrDie(tool: String) {
        do {
            try file?.finish()
        } catch {
            StandardError.line("\(tool): \(error)")
            exit(ExitStatus.ioError.rawValue)
        }
    }

    /// Whether standard output is a terminal.
    public static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}

/// Unbuffered standard error: diagnostics, warnings, progress.
public enum StandardError {
    /// Writes `text` and a newline at once.
    public static func line(_ text: String) {
        write(text + "\n")
    }

    /// Writes `text` as is.
    public static func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { if errno == EINTR { continue } else { return } }
                offset += written
            }
        }
    }

    /// Whether standard error is a terminal (progress is shown only then).
    public static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
