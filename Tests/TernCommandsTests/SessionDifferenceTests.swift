import TernCore
import TernTestKit
import Testing

@Suite("Session difference")
struct SessionDifferenceTests {
    /// An attribute change with its values as text, for readable expectations.
    struct Change: Equatable {
        var name: String
        var before: String?
        var after: String?
    }

    static let base = Samples.session(
        "s1", version: Samples.version(10), created: Samples.epoch - 60_000, attributes: ["a": "1", "b": "2"])

    private func changes(_ difference: SessionDifference?) -> [Change]? {
        difference?.attributes.map { change in
            Change(
                name: change.name, before: change.before.map { String(decoding: $0, as: UTF8.self) },
                after: change.after.map { String(decoding: $0, as: UTF8.self) })
        }
    }

    private func change(_ mutate: (inout Session) -> Void) -> Session {
        var session = Self.base
        mutate(&session)
        return session
    }

    @Test func equalSessionsHaveNoDifference() {
        #expect(SessionDifference.compare(.session(Self.base), .session(Self.base)) == nil)
    }

    @Test func absenceAndTombstonesAreTheSame() {
        let tombstone = Samples.tombstone("s1", version: Samples.version(11))
        let other = Samples.tombstone("s1", version: Samples.version(12))
        #expect(SessionDifference.compare(nil, nil) == nil)
        #expect(SessionDifference.compare(tombstone, nil) == nil)
        #expect(SessionDifference.compare(nil, tombstone) == nil)
        #expect(SessionDifference.compare(tombstone, other) == nil)
    }

    @Test func sessionOnlyOnTheSecondSideIsAdded() {
        for lhs in [nil, Samples.tombstone("s1", version: Samples.version(5))] {
            let difference = SessionDifference.compare(lhs, .session(Self.base))
            #expect(difference?.kind == .added)
            #expect(difference?.key == Self.base.key)
            #expect(difference?.before == nil)
            #expect(difference?.after == Self.base)
            #expect(difference?.fields == [])
            #expect(difference?.attributes == [])
        }
    }

    @Test func sessionOnlyOnTheFirstSideIsRemoved() {
        for rhs in [nil, Samples.tombstone("s1", version: Samples.version(50))] {
            let difference = SessionDifference.compare(.session(Self.base), rhs)
            #expect(difference?.kind == .removed)
            #expect(difference?.before == Self.base)
            #expect(difference?.after == nil)
            #expect(difference?.fields == [])
            #expect(difference?.attributes == [])
        }
    }

    @Test func listsEachChangedFieldInOrder() {
        let changed = change {
            $0.maxInactiveSeconds = 60
            $0.lastAccessed += 1
            $0.created -= 1
            $0.version = Samples.version(11)
        }
        let difference = SessionDifference.compare(.session(Self.base), .session(changed))
        #expect(difference?.kind == .changed)
        #expect(difference?.fields == ["version", "created", "lastAccessed", "maxInactive"])
        #expect(difference?.attributes == [])
        #expect(difference?.before == Self.base)
        #expect(difference?.after == changed)
    }

    @Test(arguments: ["version", "logical", "origin", "created", "lastAccessed", "maxInactive"])
    func reportsASingleChangedField(_ what: String) {
        let changed = change { session in
            switch what {
            case "version": session.version = Samples.version(11)
            case "logical": session.version = Samples.version(10, 1)
            case "origin": session.version = Samples.version(10, origin: Samples.memberB)
            case "created": session.created = 0
            case "lastAccessed": session.lastAccessed = Samples.epoch + 1
            default: session.maxInactiveSeconds = 0
            }
        }
        let field = ["logical", "origin"].contains(what) ? "version" : what
        #expect(SessionDifference.compare(.session(Self.base), .session(changed))?.fields == [field])
    }

    @Test func ignoringAccessTimeHidesOnlyTheAccessTime() {
        let touched = change { $0.lastAccessed += 5_000 }
        #expect(SessionDifference.compare(.session(Self.base), .session(touched))?.fields == ["lastAccessed"])
        #expect(SessionDifference.compare(.session(Self.base), .session(touched), ignoreAccessTime: true) == nil)
        let touchedAndBumped = change {
            $0.lastAccessed += 5_000
            $0.version = Samples.version(11)
        }
        let difference = SessionDifference.compare(
            .session(Self.base), .session(touchedAndBumped), ignoreAccessTime: true)
        #expect(difference?.fields == ["version"])
    }

    @Test func attributeChangesAloneMakeADifference() {
        let changed = change { $0.attributes["a"] = Array("one".utf8) }
        let difference = SessionDifference.compare(.session(Self.base), .session(changed))
        #expect(difference?.kind == .changed)
        #expect(difference?.fields == [])
        #expect(changes(difference) == [Change(name: "a", before: "1", after: "one")])
    }

    @Test func listsAddedRemovedAndChangedAttributesInNameOrder() {
        let before = Samples.session(
            "s", version: Samples.version(1), attributes: ["a": "1", "b": "2", "c": "3", "e": "5", "g": "7"])
        let after = Samples.session(
            "s", version: Samples.version(1), attributes: ["b": "2", "c": "33", "d": "4", "e": "5", "f": "6"])
        let difference = SessionDifference.compare(.session(before), .session(after))
        #expect(
            changes(difference) == [
                Change(name: "a", before: "1", after: nil), Change(name: "c", before: "3", after: "33"),
                Change(name: "d", before: nil, after: "4"), Change(name: "f", before: nil, after: "6"),
                Change(name: "g", before: "7", after: nil),
            ])
    }

    @Test func attributeNamesAreOrderedAndComparedByBytes() {
        let before = Samples.session("s", version: Samples.version(1), attributes: ["é": "x", "a": "x", "B": "x"])
        let after = Samples.session("s", version: Samples.version(1), attributes: ["e\u{301}": "x"])
        let difference = SessionDifference.compare(.session(before), .session(after))
        let names = difference?.attributes.map { Array($0.name.utf8) }
        #expect(names == ["B", "a", "e\u{301}", "\u{E9}"].map { Array($0.utf8) })
        #expect(difference?.attributes.map { $0.before == nil } == [false, false, true, false])
    }

    @Test func allAttributesAddedOrRemoved() {
        let empty = change { $0.attributes = Attributes() }
        #expect(SessionDifference.compare(.session(empty), .session(Self.base))?.attributes.map(\.name) == ["a", "b"])
        #expect(SessionDifference.compare(.session(Self.base), .session(empty))?.attributes.map(\.after) == [nil, nil])
    }
}
