import TernFuzzChecks

/// libFuzzer's callback: one input through the sealing checks (docs/FUZZING.md).
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzDriver.testOneInput(.sealing, data, size)
}

/// `fuzz-sealing`: libFuzzer under `make fuzz`, otherwise a replay of the inputs named.
@main
enum FuzzSealing {
    static func main() {
        FuzzDriver.main(.sealing, testOneInput: testOneInput)
    }
}
