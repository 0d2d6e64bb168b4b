import TernCore
import TernTestKit
import Testing

@Suite("Expiry schedule: deadlines by record position")
struct ExpiryScheduleTests {
    let epoch = Samples.epoch

    /// A session of `id` last accessed at `epoch`, expiring after `seconds`.
    func session(_ id: String, seconds: Int32, version: UInt64 = 1) -> Session {
        Samples.session(id, version: Samples.version(version), maxInactiveSeconds: seconds)
    }

    /// Stores `session` in `table` and schedules it; returns its position.
    @discardableResult
    func add(_ session: Session, to table: inout RecordTable, _ schedule: inout ExpirySchedule) -> Int {
        table[session.key] = .session(session)
        let position = table.position(of: session.key)
        schedule.onChange(from: nil, to: session, at: position)
        return position!
    }

    @Test func aDueSessionComesOutWithItsPosition() {
        var table = RecordTable()
        var schedule = ExpirySchedule()
        add(session("a", seconds: 20), to: &table, &schedule)
        let b = add(session("b", seconds: 10), to: &table, &schedule)
        #expect(schedule.nextDeadline == epoch + 10_000)
        #expect(schedule.nextDue(at: epoch + 9_999, in: table) == nil)
        let due = schedule.nextDue(at: epoch + 10_000, in: table)
        #expect(due?.position == b)
        #expect(due?.session.key == Samples.key("b"))
        #expect(schedule.nextDue(at: epoch + 10_000, in: table) == nil)
        #expect(schedule.nextDeadline == epoch + 20_000)
    }

    @Test func aDeadlineOfARemovedSessionIsDropped() {
        var table = RecordTable()
        var schedule = ExpirySchedule()
        add(session("a", seconds: 10), to: &table, &schedule)
        table[Samples.key("a")] = Samples.tombstone("a", version: Samples.version(2))
        #expect(schedule.nextDue(at: epoch + 60_000, in: table) == nil)
        #expect(schedule.count == 0)
    }

    @Test func aDeadlineDoesNotPassToAnotherKeyThatTookThePosition() {
        var table = RecordTable()
        var schedule = ExpirySchedule()
        add(session("keep", seconds: 100), to: &table, &schedule)
        let old = add(session("old", seconds: 10), to: &table, &schedule)
        table[Samples.key("old")] = nil
        // The new session takes the old one's position, with a later deadline of its own.
        let new = add(session("new", seconds: 50), to: &table, &schedule)
        #expect(new == old)
        #expect(schedule.count == 3)
        // The old deadline comes first and is dropped: the record there is another key's.
        #expect(schedule.nextDue(at: epoch + 10_000, in: table) == nil)
        #expect(schedule.count == 2)
        #expect(schedule.nextDue(at: epoch + 50_000, in: table)?.session.key == Samples.key("new"))
    }

    @Test func aRescheduledSessionComesBackAtItsNewDeadline() {
        var table = RecordTable()
        var schedule = ExpirySchedule()
        let position = add(session("a", seconds: 10), to: &table, &schedule)
        // Touched later: the store holds a later access, the schedule still the first deadline.
        var touched = session("a", seconds: 10)
        touched.lastAccessed = epoch + 5_000
        table[touched.key] = .session(touched)
        schedule.onChange(from: session("a", seconds: 10), to: touched, at: position)
        #expect(schedule.count == 1)
        let due = schedule.nextDue(at: epoch + 10_000, in: table)
        #expect(due?.session == touched)
        schedule.reschedule(touched, at: position)
        #expect(schedule.nextDeadline == epoch + 15_000)
        #expect(schedule.nextDue(at: epoch + 15_000, in: table)?.position == position)
    }

    @Test func onlyAnEarlierExpiryAddsADeadline() {
        var table = RecordTable()
        var schedule = ExpirySchedule()
        let first = session("a", seconds: 100)
        let position = add(first, to: &table, &schedule)
        schedule.onChange(from: first, to: session("a", seconds: 200, version: 2), at: position)
        #expect(schedule.count == 1)
        schedule.onChange(from: first, to: session("a", seconds: 50, version: 2), at: position)
        #expect(schedule.count == 2)
        schedule.onChange(from: nil, to: session("a", seconds: 0, version: 3), at: position)
        #expect(schedule.count == 2)
    }
}
