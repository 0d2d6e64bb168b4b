import ArgumentParser
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

    /// Replays `inputs` (files, or folders whose files are replayed) through `target`'s checks,
    /// printing each violation; returns how many inputs were replayed and how many failed.
    static func replay(_ target: FuzzTarget, inputs: [String]) throws -> (count: Int, failures: Int) {
        var count = 0
        var failures = 0
        for argument in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                throw ValidationError("\(argument): no such file or folder")
            }
            for path in isDirectory.boolValue ? try files(in: argument) : [argument] {
                count += 1
                do {
                    try target.check(try read(path))
                } catch let violation as FuzzViolation {
                    failures += 1
                    FileHandle.standardError.write(Data("fuzz-\(target.rawValue): \(path): \(violation)\n".utf8))
                }
            }
        }
        return (count, failures)
    }
}

/// The command line of `fuzz-<name>` in a normal build. It is an ArgumentParser command so that
/// the tools that read every executable's help (`make man`'s plugin) can read it too.
struct FuzzReplayCommand: ParsableCommand {
    /// The target this executable runs; set by `FuzzDriver.main` before parsing.
    nonisolated(unsafe) static var target = FuzzTarget.heartbeat

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "fuzz-\(target.rawValue)",
            abstract: "Replay inputs through the \(target.rawValue) fuzz target's checks (docs/FUZZING.md).",
            discussion: """
                Built by `make fuzz` (libFuzzer), this executable takes libFuzzer's options instead. \
                Exits 1 when an input violates a check.
                """)
    }

    @Option(name: .customLong("write-seeds"), help: ArgumentHelp("Write the seeds the encoders make into this folder.", valueName: "dir"))
    var seedsFolder: String?

    @Argument(help: ArgumentHelp("Inputs to replay: files, or folders whose files are replayed.", valueName: "input"))
    var inputs: [String] = []

    func validate() throws {
        if seedsFolder == nil && inputs.isEmpty { throw ValidationError("name the inputs to replay, or --write-seeds DIR") }
    }

    func run() throws {
        let target = Self.target
        if let seedsFolder {
            try FileManager.default.createDirectory(atPath: seedsFolder, withIntermediateDirectories: true)
            for seed in try target.seeds() {
                try Data(seed.bytes).write(to: URL(fileURLWithPath: seedsFolder + "/" + seed.name))
            }
        }
        guard !inputs.isEmpty else { return }
        let (count, failures) = try FuzzReplay.replay(target, inputs: inputs)
        print("fuzz-\(target.rawValue): \(count - failures) of \(count) inputs hold")
        if failures > 0 { throw ExitCode(1) }
    }
}
