#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// A file or standard input (`-`), read with plain `read(2)`, that can peek at its first bytes
/// even when it is a pipe.
public final class FileInput: ByteSource {
    /// The path given, `-` for standard input.
    public let path: String
    /// The size of a regular file; nil for pipes and terminals.
    public let size: Int64?
    /// The permission bits of what was opened (`st_mode & 0o7777`), read from the open descriptor.
    public let permissions: UInt32
    /// Bytes delivered so far.
    public private(set) var bytesRead: Int64 = 0
    private let descriptor: Int32
    private var pushback: [UInt8] = []

    private init(path: String, descriptor: Int32, size: Int64?, permissions: UInt32) {
        self.path = path
        self.descriptor = descriptor
        self.size = size
        self.permissions = permissions
    }

    deinit {
        if path != "-" { close(descriptor) }
    }

    /// Opens `path` for reading (`-`: standard input). Directories are refused as missing input.
    public static func open(_ path: String) throws -> FileInput {
        let descriptor: Int32
        if path == "-" {
            descriptor = STDIN_FILENO
        } else {
            descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw IOFailure("open", path: path, code: errno) }
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            if path != "-" { close(descriptor) }
            throw IOFailure("open", path: path, code: code)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            if path != "-" { close(descriptor) }
            throw IOFailure("open", path: path, code: EISDIR)
        }
        let isRegular = (info.st_mode & S_IFMT) == S_IFREG
        if isRegular {
            posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        }
        return FileInput(
            path: path, descriptor: descriptor, size: isRegular ? Int64(info.st_size) : nil,
            permissions: UInt32(info.st_mode) & 0o7777)
    }

    /// The first `count` bytes (fewer at end of input) without consuming them.
    public func peek(_ count: Int) throws -> [UInt8] {
        while pushback.count < count {
            var chunk = [UInt8](repeating: 0, count: count - pushback.count)
            let got = try chunk.withUnsafeMutableBytes { try readDirect(into: $0) }
            if got == 0 { break }
            pushback.append(contentsOf: chunk.prefix(got))
        }
        return Array(pushback.prefix(count))
    }

    /// Reads the next bytes; 0 at the end.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if !pushback.isEmpty {
            let count = min(buffer.count, pushback.count)
            pushback.withUnsafeBytes { source in
                buffer.baseAddress!.copyMemory(from: source.baseAddress!, byteCount: count)
            }
            pushback.removeFirst(count)
            bytesRead += Int64(count)
            return count
        }
        let count = try readDirect(into: buffer)
        bytesRead += Int64(count)
        return count
    }

    private func readDirect(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let result = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if result >= 0 { return result }
            if errno == EINTR { continue }
            throw IOFailure("read", path: path, code: errno)
        }
    }
}
