import TernFuzzChecks

/// libFuzzer's callback: one input through the json checks (docs/FUZZING.md).
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzDriver.testOneInput(.json, data, size)
}

/// `fuzz-json`: libFuzzer under `make fuzz`, otherwise a replay of the inputs named.
@main
enum FuzzJSON {
    static func main() {
        FuzzDriver.main(.json, testOneInput: testOneInput)
    }
}
