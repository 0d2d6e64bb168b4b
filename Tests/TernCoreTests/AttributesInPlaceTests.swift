import TernCore
import TernTestKit
import Testing

@Suite("Attributes: one allocation, read and written in place")
struct AttributesInPlaceTests {
    /// A name from a small alphabet, so that random changes hit names already held; some are
    /// canonically equivalent but different in bytes, and some longer than a small string.
    func name(_ index: Int) -> String {
        ["a", "b", "caf\u{E9}", "cafe\u{301}", "z", "", "a-much-longer-attribute-name", "\u{1F600}"][index % 8]
            + (index < 8 ? "" : String(index / 8))
    }

    func value(_ random: inout TestRandom) -> [UInt8] {
        (0..<Int.random(in: 0..<40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
    }

    /// The model's attributes in canonical order.
    func canonical(_ model: [[UInt8]: [UInt8]]) -> [Attribute] {
        model.sorted { $0.key.lexicographicallyPrecedes($1.key) }
            .map { Attribute(name: String(decoding: $0.key, as: UTF8.self), value: $0.value) }
    }

    func expectMatches(_ attributes: Attributes, _ model: [[UInt8]: [UInt8]], _ note: Comment) {
        let expected = canonical(model)
        #expect(attributes.elements == expected, note)
        #expect(attributes.count == expected.count, note)
        #expect(attributes.names.map { Array($0.utf8) } == expected.map { Array($0.name.utf8) }, note)
        #expect(attributes.valueBytes == expected.reduce(0) { $0 + $1.value.count }, note)
        #expect(attributes.nameBytes == expected.reduce(0) { $0 + $1.name.utf8.count }, note)
        for (position, attribute) in expected.enumerated() {
            #expect(attributes[attribute.name] == attribute.value, note)
            #expect(attributes.position(of: attribute.name) == position, note)
            #expect(attributes.name(at: position).utf8Equals(attribute.name), note)
            #expect(attributes.valueCount(at: position) == attribute.value.count, note)
            attributes.withBytes(at: position) { name, value in
                #expect(Array(name) == Array(attribute.name.utf8), note)
                #expect(Array(value) == attribute.value, note)
            }
        }
        let rebuilt = Attributes(canonical: expected)
        #expect(rebuilt == attributes, note)
        #expect(rebuilt.hashValue == attributes.hashValue, note)
    }

    @Test func matchesADictionaryUnderRandomSetsRemovesAndUpdates() {
        for seed: UInt64 in [1, 2, 3] {
            var random = TestRandom(seed: seed)
            var attributes = Attributes()
            var model: [[UInt8]: [UInt8]] = [:]
            for step in 1...600 {
                switch Int.random(in: 0..<4, using: &random) {
                case 0:
                    let name = name(Int.random(in: 0..<24, using: &random))
                    let value = value(&random)
                    attributes[name] = value
                    model[Array(name.utf8)] = value
                case 1:
                    let name = name(Int.random(in: 0..<24, using: &random))
                    attributes[name] = nil
                    model[Array(name.utf8)] = nil
                default:
                    // Several set and several removed at once; a name both set and removed is set.
                    let set = (0..<Int.random(in: 0..<5, using: &random)).map { _ in
                        Attribute(name: name(Int.random(in: 0..<24, using: &random)), value: value(&random))
                    }
                    let remove = (0..<Int.random(in: 0..<5, using: &random)).map { _ in
                        name(Int.random(in: 0..<24, using: &random))
                    }
                    let changes = Attributes(set)
                    attributes = attributes.updating(set: changes, remove: remove)
                    for name in remove { model[Array(name.utf8)] = nil }
                    for attribute in changes { model[Array(attribute.name.utf8)] = attribute.value }
                }
                if step % 50 == 0 { expectMatches(attributes, model, "seed \(seed), step \(step)") }
            }
            expectMatches(attributes, model, "seed \(seed), end")
        }
    }

    @Test func writingInPlaceBuildsTheSameAttributes() {
        let expected = [
            Attribute(name: "", value: [1]), Attribute(name: "cart", value: Array(repeating: 7, count: 300)),
            Attribute(name: "empty", value: []), Attribute(name: "\u{1F600}", value: [0, 255]),
        ]
        let bytes = expected.reduce(0) { $0 + $1.name.utf8.count + $1.value.count }
        let written = Attributes(count: expected.count, bytes: bytes) { writer in
            for attribute in expected {
                let name = Array(attribute.name.utf8)
                name.withUnsafeBytes { name in
                    attribute.value.withUnsafeBytes { writer.append(name: name, value: $0) }
                }
            }
        }
        #expect(written == Attributes(canonical: expected))
        #expect(written.elements == expected)
        #expect(Attributes(count: 0, bytes: 0) { _ in } == Attributes())
    }

    @Test func aWriterStopsWithTheErrorItsBodyThrows() {
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            _ = try Attributes(count: 2, bytes: 2) { (writer) throws(Refused) in
                let noName = UnsafeRawBufferPointer(start: nil, count: 0)
                [UInt8]([1]).withUnsafeBytes { writer.append(name: noName, value: $0) }
                throw Refused()
            }
        }
    }

    @Test func equalContentIsEqualHowEverItWasMade() {
        var changed = Attributes([Attribute(name: "a", value: [1]), Attribute(name: "b", value: [2])])
        changed["b"] = [3]
        changed["c"] = []
        changed["c"] = nil
        let direct = Attributes([Attribute(name: "b", value: [3]), Attribute(name: "a", value: [1])])
        #expect(changed == direct)
        #expect(changed.hashValue == direct.hashValue)
        #expect(changed != Attributes([Attribute(name: "a", value: [1])]))
        #expect(Attributes() == Attributes([]))
        #expect(Attributes().isEmpty)
        // Same bytes split differently between name and value are different attributes.
        let split = Attributes([Attribute(name: "a", value: Array("b".utf8))])
        #expect(Attributes([Attribute(name: "ab", value: [])]) != split)
    }

    @Test func updatingWithNothingReturnsTheSameAttributes() {
        let attributes = Attributes([Attribute(name: "a", value: [1])])
        #expect(attributes.updating(set: Attributes(), remove: []) == attributes)
        #expect(attributes.updating(set: Attributes(), remove: ["missing"]) == attributes)
        #expect(Attributes().updating(set: attributes, remove: ["a"]) == attributes)
    }
}
