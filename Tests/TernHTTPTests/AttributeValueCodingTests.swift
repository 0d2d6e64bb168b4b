import TernHTTP
import Testing

@Suite("Attribute values in JSON")
struct AttributeValueCodingTests {
    @Test func jsonValuesAreStoredAsTheirTextAndComeBackEqual() throws {
        let values: [AttributeJSON] = [
            .null, .bool(true), .int(-7), .double(1.5), .string("ada"), .array([.int(1), .string("x")]),
            .object(["b": .int(2), "a": .null]),
        ]
        for value in values {
            let bytes = try #require(AttributeValueCoding.bytes(of: value))
            #expect(AttributeValueCoding.value(of: bytes) == value)
        }
        #expect(AttributeValueCoding.bytes(of: .string("ada")) == Array(#""ada""#.utf8))
    }

    @Test func base64IsStoredAsTheBytesItEncodes() {
        #expect(AttributeValueCoding.bytes(of: .object(["base64": .string("AQID")])) == [1, 2, 3])
        #expect(AttributeValueCoding.bytes(of: .object(["base64": .string("***")])) == nil)
        #expect(AttributeValueCoding.value(of: [1, 2, 3]) == .object(["base64": .string("AQID")]))
        #expect(AttributeValueCoding.value(of: []) == .object(["base64": .string("")]))
    }

    @Test func storedBytesShapedLikeTheWrapperComeBackWrapped() throws {
        let bytes = Array(#"{"base64":"AQID"}"#.utf8)
        let value = AttributeValueCoding.value(of: bytes)
        #expect(AttributeValueCoding.bytes(of: value) == bytes)
    }
}
