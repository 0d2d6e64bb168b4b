import TernCore
import TernTestKit
import Testing

@testable import TernNet

@Suite("Sender giving up on a peer never reached")
struct SenderGiveUpTests {
    /// The give-up timer of a sender that never connected fires before anything is submitted (a
    /// loaded machine did this to KeyedConnectionTests): what is submitted afterwards is still given
    /// up after `retryFor`, and `finish` returns, instead of waiting forever.
    @Test(.timeLimit(.minutes(1)))
    func messagesSubmittedAfterAGiveUpAreGivenUpToo() async throws {
        let endpoint = try await closedPort()
        let client = ReplicationClient(identity: senderIdentity)
        let sender = client.sender(
            to: endpoint,
            configuration: SenderConfiguration(
                mode: .sync, retryFor: 100, backoff: Backoff(initial: 20, maximum: 50), failFast: false),
            logger: quietLogger)
        try await sender.start()
        try await Task.sleep(for: .milliseconds(500))
        await sender.submit(puts(5))
        let report = await sender.finish()
        #expect(report.acknowledged == 0)
        #expect(report.failures.count == 5, "\(report.failures)")
        await client.shutdown()
    }
}
