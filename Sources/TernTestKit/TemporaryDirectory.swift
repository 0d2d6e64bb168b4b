import Foundation

/// A fresh directory under /tmp for one test; `remove()` (or `withTemporaryDirectory`) deletes it
/// with everything inside.
public struct TemporaryDirectory: Sendable {
    /// The directory's absolute path, without a trailing slash.
    public let path: String

    /// Creates a uniquely named directory `/tmp/tern-test-<prefix>-XXXXXX`.
    public init(prefix: String = "test") throws {
        var template = Array("/tmp/tern-test-\(prefix)-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard created != nil else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: "/tmp/tern-test-\(prefix)"])
        }
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The path of `name` inside the directory.
    public func file(_ name: String) -> String {
        path + "/" + name
    }

    /// The names of the entries in the directory, sorted.
    public func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    /// Writes `bytes` to `name` inside the directory and returns its path.
    @discardableResult
    public func write(_ bytes: [UInt8], to name: String) throws -> String {
        let target = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// The bytes of `name` inside the directory (or of an absolute path).
    public func read(_ name: String) throws -> [UInt8] {
        let target = name.hasPrefix("/") ? name : file(name)
        return Array(try Data(contentsOf: URL(fileURLWithPath: target)))
    }

    /// Deletes the directory and its contents.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Runs `body` with a fresh temporary directory that is removed afterwards, whatever happens.
public func withTemporaryDirectory<Result>(
    prefix: String = "test", _ body: (TemporaryDirectory) throws -> Result
) throws -> Result {
    let directory = try TemporaryDirectory(prefix: prefix)
    defer { directory.remove() }
    return try body(directory)
}
