import ArgumentParser
import TernCommands
import TernCore
import Testing

@Suite("--max-queue and --max-queue-messages")
struct QueueLimitOptionsTests {
    @Test func theDefaultsAreTheSendersDefaults() throws {
        let options = try QueueLimitOptions.parse([])
        #expect(options.limits == ReplicationQueueLimits(maxMessages: 100_000, maxBytes: 256 << 20))
    }

    @Test func sizesAndCountsAreParsed() throws {
        let options = try QueueLimitOptions.parse(["--max-queue", "1G", "--max-queue-messages", "5000"])
        #expect(options.limits == ReplicationQueueLimits(maxMessages: 5000, maxBytes: 1 << 30))
    }

    @Test(arguments: [
        ["--max-queue", "512K"], ["--max-queue", "65G"], ["--max-queue", "lots"],
        ["--max-queue-messages", "0"], ["--max-queue-messages", "100000001"],
    ])
    func valuesOutOfRangeAreUsageErrors(_ arguments: [String]) {
        #expect(throws: (any Error).self) { try QueueLimitOptions.parse(arguments) }
    }
}
