import TernCore
import TernTestKit
import Testing

@Suite("Node sessions")
struct NodeSessionsTests {
    typealias H = NodeSessionsHarness

    @Test func createStampsANewSessionAndReplicatesItWhole() throws {
        var node = H(route: "a")
        let write = try node.sessions.create(
            context: "shop", attributes: H.attributes(["cart": "3"]), now: node.clock.now, using: &node.random)
        let session = try #require(write.session)
        #expect(session.key.id.hasSuffix(".a"))
        #expect(session.created == node.clock.now && session.lastAccessed == node.clock.now)
        #expect(session.maxInactiveSeconds == 1800)
        #expect(session.version.origin == Samples.memberA)
        #expect(write.message == .put(session))
        #expect(node.sessions.store[session.key] == .session(session))
        #expect(node.sessions.sessionsPerContext == ["shop": 1])
    }

    @Test func readingASessionCountsAsAnAccess() throws {
        var node = H()
        let key = node.create(["cart": "3"])
        node.clock.advance(seconds: 5)
        let read = try node.sessions.access(key, now: node.clock.now)
        #expect(read.lastAccessed == node.clock.now)
        #expect(node.sessions.session(key, at: node.clock.now)?.lastAccessed == node.clock.now)
    }

    @Test func anAbsentSessionIsNotFound() {
        var node = H()
        let key = Samples.key("nope")
        #expect(throws: NodeSessionError.notFound(key)) { try node.sessions.access(key, now: node.clock.now) }
        #expect(throws: NodeSessionError.notFound(key)) {
            try node.sessions.replace(key, attributes: Attributes(), now: node.clock.now)
        }
        #expect(throws: NodeSessionError.notFound(key)) {
            try node.sessions.patch(key, set: Attributes(), remove: [], now: node.clock.now)
        }
        #expect(throws: NodeSessionError.notFound(key)) { try node.sessions.invalidate(key, now: node.clock.now) }
    }

    @Test func replaceSendsADeltaOfEveryAttributeWrittenAndTheRemovals() throws {
        var node = H()
        let key = node.create(["a": "1", "b": "2"])
        let base = try #require(node.sessions.session(key, at: node.clock.now))
        node.clock.advance(seconds: 1)
        let write = try node.sessions.replace(key, attributes: H.attributes(["a": "1", "c": "3"]), now: node.clock.now)
        guard case .delta(let delta) = write.message else {
            Issue.record("expected a delta, got \(String(describing: write.message))")
            return
        }
        #expect(delta.base == base.version)
        #expect(delta.version > base.version)
        #expect(delta.set == H.attributes(["a": "1", "c": "3"]))
        #expect(delta.remove == ["b"])
        #expect(write.session == delta.applied(to: base))
        #expect(write.session?.attributes == H.attributes(["a": "1", "c": "3"]))
    }

    @Test func dirtyOnlySendsOnlyWhatChanged() throws {
        var node = H(style: .dirtyOnly)
        let key = node.create(["a": "1", "b": "2"])
        let write = try node.sessions.patch(
            key, set: H.attributes(["a": "1", "b": "9"]), remove: ["zz"], now: node.clock.now)
        guard case .delta(let delta) = write.message else {
            Issue.record("expected a delta")
            return
        }
        #expect(delta.set == H.attributes(["b": "9"]))
        #expect(delta.remove.isEmpty)
    }

    @Test func dirtyOnlyTurnsAWriteThatChangedNothingIntoATouch() throws {
        var node = H(style: .dirtyOnly)
        let key = node.create(["a": "1"])
        let before = try #require(node.sessions.session(key, at: node.clock.now))
        node.clock.advance(seconds: 2)
        let write = try node.sessions.patch(key, set: H.attributes(["a": "1"]), remove: [], now: node.clock.now)
        #expect(write.message == nil)
        #expect(write.session?.version == before.version)
        #expect(write.session?.lastAccessed == node.clock.now)
        node.clock.advance(seconds: 10)
        #expect(
            node.sessions.onTouchTimer(now: node.clock.now)
                == .touch([SessionTouch(key: key, version: before.version, lastAccessed: before.lastAccessed + 2000)]))
    }

    @Test func fullSendsTheWholeSession() throws {
        var node = H(style: .full)
        let key = node.create(["a": "1"])
        let write = try node.sessions.patch(
            key, set: H.attributes(["b": "2"]), remove: ["a"], maxInactiveSeconds: 60, now: node.clock.now)
        let session = try #require(write.session)
        #expect(write.message == .put(session))
        #expect(session.attributes == H.attributes(["b": "2"]))
        #expect(session.maxInactiveSeconds == 60)
    }

    @Test func aNameBothSetAndRemovedIsSet() throws {
        var node = H()
        let key = node.create(["a": "1"])
        let write = try node.sessions.patch(key, set: H.attributes(["a": "2"]), remove: ["a"], now: node.clock.now)
        #expect(write.session?.attributes == H.attributes(["a": "2"]))
    }

    @Test func invalidateLeavesATombstoneAndReplicatesAnExpire() throws {
        var node = H()
        let key = node.create()
        node.clock.advance(seconds: 1)
        let write = try node.sessions.invalidate(key, now: node.clock.now)
        guard case .expire(let tombstone) = write.message else {
            Issue.record("expected an expire")
            return
        }
        #expect(tombstone.key == key)
        #expect(tombstone.retainUntil == node.clock.now + 3_600_000)
        #expect(node.sessions.store[key] == .tombstone(tombstone))
        #expect(node.sessions.session(key, at: node.clock.now) == nil)
        #expect(node.sessions.sessionsPerContext.isEmpty)
        #expect(node.sessions.counters.invalidated == 1)
    }

    @Test func idsAreListedInOrderAfterACursor() throws {
        var node = H()
        let keys = (0..<5).map { _ in node.create() }.map(\.id).sorted { $0.utf8Precedes($1) }
        _ = try node.sessions.create(context: "other", now: node.clock.now, using: &node.random)
        #expect(node.sessions.ids(in: "shop", limit: 100, now: node.clock.now) == keys)
        #expect(node.sessions.ids(in: "shop", limit: 2, now: node.clock.now) == Array(keys.prefix(2)))
        #expect(node.sessions.ids(in: "shop", after: keys[1], limit: 2, now: node.clock.now) == [keys[2], keys[3]])
        #expect(node.sessions.sessionsPerContext == ["shop": 5, "other": 1])
    }

    @Test func aWriteAfterAPeersNewerVersionStampsANewerOne() throws {
        var node = H()
        let key = node.create(["a": "1"])
        let held = try #require(node.sessions.session(key, at: node.clock.now))
        var peer = held
        peer.version = Version(physical: UInt64(node.clock.now) + 5000, logical: 0, origin: Samples.memberB)
        #expect(node.sessions.apply(.put(peer), now: node.clock.now) == .outcome(.applied))
        let write = try node.sessions.patch(key, set: H.attributes(["a": "2"]), remove: [], now: node.clock.now)
        #expect(try #require(write.session).version > peer.version)
    }
}

@Suite("Node sessions: attribute bounds")
struct NodeSessionsBoundsTests {
    typealias H = NodeSessionsHarness

    @Test func aPatchThatWouldExceedTheAttributeLimitChangesNothing() throws {
        var node = H()
        let key = node.create(["a": "1", "b": "2"])
        let before = node.sessions.store[key]
        #expect(throws: NodeSessionError.tooManyAttributes(key, limit: 2)) {
            try node.sessions.patch(
                key, set: H.attributes(["c": "3"]), remove: [], maxAttributes: 2, now: node.clock.now)
        }
        #expect(node.sessions.store[key] == before)
        // A removal makes room; a name removed twice counts once.
        let write = try node.sessions.patch(
            key, set: H.attributes(["c": "3"]), remove: ["a", "a"], maxAttributes: 2, now: node.clock.now)
        guard case .delta(let delta) = write.message else {
            Issue.record("expected a delta")
            return
        }
        #expect(delta.remove == ["a"])
        #expect(write.session?.attributes == H.attributes(["b": "2", "c": "3"]))
    }
}

@Suite("Node sessions: versions")
struct NodeSessionsVersionTests {
    typealias H = NodeSessionsHarness

    @Test func aWriteWinsOverARecordFurtherAheadThanTheDriftBound() throws {
        var node = H()
        let ahead = Samples.session(
            "far", version: Version(physical: UInt64(node.clock.now) + 600_000, logical: 3, origin: Samples.memberB),
            lastAccessed: node.clock.now)
        node.sessions.apply(.session(ahead), now: node.clock.now)  // a transferred record: no drift refusal
        let write = try node.sessions.patch(ahead.key, set: H.attributes(["a": "1"]), remove: [], now: node.clock.now)
        let session = try #require(write.session)
        #expect(session.version > ahead.version)
        #expect(node.sessions.store[ahead.key] == .session(session))
        let gone = try node.sessions.invalidate(ahead.key, now: node.clock.now)
        #expect(try #require(gone.message?.newestVersion) > session.version)
        #expect(node.sessions.session(ahead.key, at: node.clock.now) == nil)
    }
}
