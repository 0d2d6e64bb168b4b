import TernFuzzChecks

/// libFuzzer's callback: one input through the tribes checks (docs/FUZZING.md).
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzDriver.testOneInput(.tribes, data, size)
}

/// `fuzz-tribes`: libFuzzer under `make fuzz`, otherwise a replay of the inputs named.
@main
enum FuzzTribes {
    static func main() {
        FuzzDriver.main(.tribes, testOneInput: testOneInput)
    }
}
