import TernCore
import TernTestKit
import Testing

@Suite("Ack window")
struct AckWindowTests {
    @Test func matchesAnswersBySequenceInAnyOrder() throws {
        var clock = ManualClock()
        var window = AckWindow<String>(maxInFlight: 4, timeout: 1000)
        for (sequence, tag) in [(1, "a"), (2, "b"), (3, "c")] {
            _ = try window.onSend(sequence: UInt64(sequence), tag: tag, at: clock.now).get()
            clock.advance(by: 10)
        }
        let answer = window.onAnswer(sequence: 2, at: clock.now)
        let second = try #require(answer)
        #expect(second.entry.tag == "b")
        #expect(second.roundTrip == 20)
        #expect(window.onAnswer(sequence: 2, at: clock.now) == nil)
        #expect(window.onAnswer(sequence: 99, at: clock.now) == nil)
        #expect(window.onAnswer(sequence: 1, at: clock.now)?.entry.tag == "a")
        #expect(window.inFlight == 1)
    }

    @Test func refusesMoreThanMaxInFlightAndARepeatedSequence() {
        var window = AckWindow<Int>(maxInFlight: 2, timeout: 1000)
        #expect(window.onSend(sequence: 1, tag: 1, at: 0) == .success(1000))
        #expect(window.onSend(sequence: 1, tag: 1, at: 0) == .failure(.sequenceInFlight))
        #expect(window.onSend(sequence: 2, tag: 2, at: 5) == .success(1005))
        #expect(!window.canSend)
        #expect(window.onSend(sequence: 3, tag: 3, at: 5) == .failure(.full))
        _ = window.onAnswer(sequence: 1, at: 6)
        #expect(window.canSend)
        #expect(window.onSend(sequence: 3, tag: 3, at: 7) == .success(1007))
    }

    @Test func syncModeIsAWindowOfOne() {
        var window = AckWindow<Int>(maxInFlight: 0, timeout: 10)
        #expect(window.maxInFlight == 1)
        #expect(window.onSend(sequence: 1, tag: 0, at: 0) == .success(10))
        #expect(window.onSend(sequence: 2, tag: 0, at: 0) == .failure(.full))
    }

    @Test func framesTimeOutAtTheirDeadlineOldestFirst() throws {
        var clock = ManualClock(start: 0)
        var window = AckWindow<Int>(maxInFlight: 8, timeout: 100)
        for sequence: UInt64 in 1...4 {
            _ = try window.onSend(sequence: sequence, tag: Int(sequence), at: clock.now).get()
            clock.advance(by: 30)  // sent at 0, 30, 60, 90
        }
        _ = window.onAnswer(sequence: 2, at: clock.now)
        #expect(window.nextDeadline == 100)
        #expect(window.onTimer(now: 99).isEmpty)
        #expect(window.onTimer(now: 100).map(\.sequence) == [1])
        #expect(window.nextDeadline == 160)
        #expect(window.onTimer(now: 500).map(\.sequence) == [3, 4])
        #expect(window.nextDeadline == nil)
        #expect(window.onAnswer(sequence: 3, at: 501) == nil)  // a late ack after its timeout
    }

    @Test func aClockThatGoesBackDoesNotReorderDeadlines() throws {
        var window = AckWindow<Int>(maxInFlight: 8, timeout: 100)
        _ = try window.onSend(sequence: 1, tag: 0, at: 1000).get()
        #expect(window.onSend(sequence: 2, tag: 0, at: 400) == .success(1100))
        #expect(window.onTimer(now: 1100).map(\.sequence) == [1, 2])
    }

    @Test func aLostConnectionReturnsEverythingUnanswered() throws {
        var window = AckWindow<String>(maxInFlight: 8, timeout: 100)
        for sequence: UInt64 in 1...5 { _ = try window.onSend(sequence: sequence, tag: "m\(sequence)", at: 0).get() }
        _ = window.onAnswer(sequence: 1, at: 1)
        _ = window.onAnswer(sequence: 4, at: 1)
        #expect(window.onConnectionLost().map(\.tag) == ["m2", "m3", "m5"])
        #expect(window.inFlight == 0 && window.nextDeadline == nil)
    }

    @Test func manyFramesThroughASmallWindowKeepTheBookkeepingExact() throws {
        var random = TestRandom(seed: 7)
        var window = AckWindow<UInt64>(maxInFlight: 16, timeout: 50)
        var clock = ManualClock(start: 0)
        var outstanding = Set<UInt64>()
        var next: UInt64 = 0
        for _ in 0..<20_000 {
            clock.advance(by: Int64.random(in: 0...3, using: &random))
            if window.canSend && Bool.random(using: &random) {
                next += 1
                _ = try window.onSend(sequence: next, tag: next, at: clock.now).get()
                outstanding.insert(next)
            } else if let sequence = outstanding.randomElement(using: &random) {
                #expect(window.onAnswer(sequence: sequence, at: clock.now)?.entry.tag == sequence)
                outstanding.remove(sequence)
            }
            for entry in window.onTimer(now: clock.now) {
                #expect(entry.sentAt + 50 <= clock.now)
                #expect(outstanding.remove(entry.sequence) != nil)
            }
            #expect(window.inFlight == outstanding.count)
        }
    }
}
