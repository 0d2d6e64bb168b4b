import Foundation

/// Replays inputs through a target's checks without libFuzzer: what `fuzz-<name> FILE…` does in a
/// normal build, and what `FuzzCorpusTests` does for every committed corpus file.
public enum FuzzReplay {
    /// The regular files of `folder`, sorted by name; hidden files (`.gitkeep`) are left out.
    public static func files(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            .filter { !$0.hasPrefix(".") }
            .map { folder + "/" + $0 }
            .filter { path in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            }
    }

    /// The contents of `path`.
    public static func read(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// `fuzz-<name> [--write-seeds DIR] [FILE|DIR]…`: the exit status (0 all held, 1 a violation, 64 usage).
    static func run(_ target: FuzzTarget, arguments: [String]) -> Int32 {
        let name = "fuzz-\(target.rawValue)"
        func fail(_ message: String, status: Int32) -> Int32 {
            FileHandle.standardError.write(Data("\(name): \(message)\n".utf8))
            return status
        }
        if arguments.isEmpty || arguments.contains("-h") || arguments.contains("--help") {
            print(
                """
                usage: \(name) FILE|DIR...        replay inputs through the \(target.rawValue) checks
                       \(name) --write-seeds DIR  write the seed inputs the encoders make
                Built by `make fuzz` (libFuzzer), it takes libFuzzer's options instead (docs/FUZZING.md).
                """)
            return arguments.isEmpty ? 64 : 0
        }
        if arguments.first == "--write-seeds" {
            guard arguments.count == 2 else { return fail("--write-seeds takes one folder", status: 64) }
            do {
                try FileManager.default.createDirectory(atPath: arguments[1], withIntermediateDirectories: true)
                for seed in try target.seeds() {
                    try Data(seed.bytes).write(to: URL(fileURLWithPath: arguments[1] + "/" + seed.name))
                }
                return 0
            } catch {
                return fail("cannot write the seeds: \(error)", status: 73)
            }
        }
        var failures = 0
        var count = 0
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                return fail("\(argument): no such file or folder", status: 66)
            }
            do {
                for path in isDirectory.boolValue ? try files(in: argument) : [argument] {
                    count += 1
                    do {
                        try target.check(try read(path))
                    } catch let violation as FuzzViolation {
                        failures += 1
                        FileHandle.standardError.write(Data("\(name): \(path): \(violation)\n".utf8))
                    }
                }
            } catch {
                return fail("\(argument): \(error)", status: 66)
            }
        }
        print("\(name): \(count - failures) of \(count) inputs hold")
        return failures == 0 ? 0 : 1
    }
}
