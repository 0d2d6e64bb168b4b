import TernCore
import TernTestKit
import Testing

@Suite("Attributes: canonical order, set, remove, replace")
struct AttributesTests {
    private func attribute(_ name: String, _ value: String) -> Attribute {
        Attribute(name: name, value: Array(value.utf8))
    }

    @Test func initSortsNamesByBytes() {
        let attributes = Attributes([attribute("user", "1"), attribute("Cart", "2"), attribute("cart", "3")])
        #expect(attributes.names == ["Cart", "cart", "user"])
        #expect(Attributes.isCanonical(attributes.elements))
    }

    @Test func laterDuplicateReplacesEarlier() {
        let attributes = Attributes([attribute("a", "old"), attribute("b", "x"), attribute("a", "new")])
        #expect(attributes.count == 2)
        #expect(attributes["a"] == Array("new".utf8))
    }

    @Test func settingANewNameInsertsInOrder() {
        var attributes = Attributes([attribute("a", "1"), attribute("c", "3")])
        attributes["b"] = [2]
        attributes["0"] = [0]
        attributes["d"] = [4]
        #expect(attributes.names == ["0", "a", "b", "c", "d"])
        #expect(Attributes.isCanonical(attributes.elements))
    }

    @Test func settingAnExistingNameReplacesItsValue() {
        var attributes = Attributes([attribute("a", "1"), attribute("b", "2")])
        attributes["b"] = [9, 9]
        #expect(attributes.count == 2)
        #expect(attributes["b"] == [9, 9])
        #expect(attributes.names == ["a", "b"])
    }

    @Test func settingNilRemoves() {
        var attributes = Attributes([attribute("a", "1"), attribute("b", "2"), attribute("c", "3")])
        attributes["b"] = nil
        #expect(attributes.names == ["a", "c"])
        #expect(attributes["b"] == nil)
        attributes["missing"] = nil
        #expect(attributes.names == ["a", "c"])
    }

    @Test func emptyValueIsPresentNotRemoved() {
        var attributes = Attributes()
        attributes["flag"] = []
        #expect(attributes["flag"] == [])
        #expect(attributes.count == 1)
    }

    @Test func lookupIsBytewise() {
        var attributes = Attributes()
        attributes["caf\u{E9}"] = [1]
        attributes["cafe\u{301}"] = [2]
        #expect(attributes.count == 2)
        #expect(attributes["caf\u{E9}"] == [1])
        #expect(attributes["cafe\u{301}"] == [2])
    }

    @Test func insertionOrderDoesNotMatter() {
        let items = (0..<20).map { attribute("name\($0 * 7 % 20)", "\($0)") }
        var random = TestRandom(seed: 5)
        for _ in 0..<10 {
            #expect(Attributes(items.shuffled(using: &random)) == Attributes(items))
        }
    }

    @Test func isCanonicalRejectsDuplicatesAndDisorder() {
        #expect(Attributes.isCanonical([]))
        #expect(Attributes.isCanonical([attribute("a", "")]))
        #expect(!Attributes.isCanonical([attribute("b", ""), attribute("a", "")]))
        #expect(!Attributes.isCanonical([attribute("a", "1"), attribute("a", "2")]))
        #expect(!Attributes.isCanonical([attribute("caf\u{E9}", ""), attribute("cafe\u{301}", "")]))
    }

    @Test func valueBytesSumsValueSizes() {
        let attributes = Attributes([attribute("a", "123"), attribute("b", ""), attribute("c", "45")])
        #expect(attributes.valueBytes == 5)
        #expect(Attributes().valueBytes == 0)
    }

    @Test func attributeEqualityIsBytewise() {
        #expect(attribute("caf\u{E9}", "x") != attribute("cafe\u{301}", "x"))
        #expect(Set([attribute("caf\u{E9}", "x"), attribute("cafe\u{301}", "x")]).count == 2)
        #expect(attribute("a", "x") != attribute("a", "y"))
    }
}
