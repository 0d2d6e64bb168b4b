import Foundation

#if TERN_FUZZ
/// libFuzzer's entry point for a program that has its own `main` (libFuzzer ≥ 11).
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ testOneInput: FuzzDriver.TestOneInput
) -> Int32
#endif

/// The `main` of every `fuzz-<name>` executable. Built with `-DTERN_FUZZ` (`make fuzz`) it hands the
/// command line to libFuzzer; otherwise it replays the files and folders it is given through the
/// same checks, or writes the seed corpus.
///
/// SwiftPM links an executable's `main` to its own entry point, so the executable keeps its `@main`
/// in both builds and calls `LLVMFuzzerRunDriver` rather than libFuzzer's `main`.
public enum FuzzDriver {
    /// The C signature of `LLVMFuzzerTestOneInput`.
    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

    /// One input: the body of each executable's `LLVMFuzzerTestOneInput`. A violated property
    /// aborts, which libFuzzer records as a crash with the input saved.
    public static func testOneInput(_ target: FuzzTarget, _ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let input = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
        do {
            try target.check(input)
        } catch {
            FileHandle.standardError.write(Data("fuzz-\(target.rawValue): property violated: \(error)\n".utf8))
            abort()
        }
        return 0
    }

    /// Runs the executable for `target`; never returns.
    public static func main(_ target: FuzzTarget, testOneInput: TestOneInput) -> Never {
        #if TERN_FUZZ
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
        #else
        FuzzReplayCommand.target = target
        FuzzReplayCommand.main()
        exit(0)
        #endif
    }
}
