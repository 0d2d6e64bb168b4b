import TernFuzzChecks

/// libFuzzer's callback: one input through the heartbeat checks (docs/FUZZING.md).
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzDriver.testOneInput(.heartbeat, data, size)
}

/// `fuzz-heartbeat`: libFuzzer under `make fuzz`, otherwise a replay of the inputs named.
@main
enum FuzzHeartbeat {
    static func main() {
        FuzzDriver.main(.heartbeat, testOneInput: testOneInput)
    }
}
