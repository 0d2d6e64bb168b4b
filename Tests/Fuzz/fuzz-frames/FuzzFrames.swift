import TernFuzzChecks

/// libFuzzer's callback: one input through the frames checks (docs/FUZZING.md).
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzDriver.testOneInput(.frames, data, size)
}

/// `fuzz-frames`: libFuzzer under `make fuzz`, otherwise a replay of the inputs named.
@main
enum FuzzFrames {
    static func main() {
        FuzzDriver.main(.frames, testOneInput: testOneInput)
    }
}
