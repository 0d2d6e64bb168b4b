import TernFuzzChecks

/// libFuzzer's callback: one input through the snapshot checks (docs/FUZZING.md).
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzDriver.testOneInput(.snapshot, data, size)
}

/// `fuzz-snapshot`: libFuzzer under `make fuzz`, otherwise a replay of the inputs named.
@main
enum FuzzSnapshot {
    static func main() {
        FuzzDriver.main(.snapshot, testOneInput: testOneInput)
    }
}
