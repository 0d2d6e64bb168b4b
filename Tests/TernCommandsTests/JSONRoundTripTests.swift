import TernCommandSupport
import TernTestKit
import Testing

@testable import TernCommands

/// Random JSON values: parse(serialize(v)) must give v back, byte for byte.
@Suite("JSON round trip")
struct JSONRoundTripTests {
    /// Scalars from every UTF-8 length class, weighted towards the ones that need escaping.
    static func scalar(using random: inout TestRandom) -> Unicode.Scalar {
        let ranges: [ClosedRange<UInt32>] = [
            0...0x1F, 0x20...0x7E, 0x22...0x22, 0x5C...0x5C, 0x7F...0x7F, 0x80...0x7FF, 0x800...0xD7FF,
            0xE000...0xFFFF, 0x1_0000...0x10_FFFF,
        ]
        let range = ranges[Int.random(in: 0..<ranges.count, using: &random)]
        return Unicode.Scalar(UInt32.random(in: range, using: &random))!
    }

    static func string(using random: inout TestRandom) -> String {
        var text = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...12, using: &random) { text.append(scalar(using: &random)) }
        return String(text)
    }

    static func value(depth: Int, using random: inout TestRandom) -> JSONValue {
        switch Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .int(Int64.random(in: .min ... .max, using: &random))
        case 3:
            var double: Double
            repeat { double = Double(bitPattern: random.next()) } while !double.isFinite
            return .double(double)
        case 4: return .string(string(using: &random))
        case 5:
            return .array(
                (0..<Int.random(in: 0...4, using: &random)).map { _ in value(depth: depth + 1, using: &random) })
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                object.append(string(using: &random), value(depth: depth + 1, using: &random))
            }
            return .object(object)
        }
    }

    @Test func parseInvertsSerializeForRandomValues() throws {
        var random = TestRandom(seed: 0x15_0A)
        for _ in 0..<3_000 {
            let value = Self.value(depth: 0, using: &random)
            let bytes = Array(value.serialized.utf8)
            let parsed = try JSONParser.parse(bytes)
            #expect(parsed == value, "\(value.serialized)")
            #expect(Array(parsed.serialized.utf8) == bytes)
        }
    }

    @Test func parseDecodesEveryScalarWrittenAsUnicodeEscapes() throws {
        var random = TestRandom(seed: 99)
        for _ in 0..<2_000 {
            let text = Self.string(using: &random)
            var escaped = "\""
            for unit in text.utf16 {
                let hex = String(unit, radix: 16)
                escaped +=
                    "\\u" + String(repeating: "0", count: 4 - hex.count)
                    + (Bool.random(using: &random) ? hex : hex.uppercased())
            }
            let parsed = try JSONParser.parse(Array((escaped + "\"").utf8))
            #expect(parsed == .string(text))
            if case .string(let decoded) = parsed { #expect(decoded.utf8.elementsEqual(text.utf8)) }
        }
    }

    @Test func integersAtTheEdgesStayIntegers() throws {
        for int in [Int64.min, .min + 1, -1, 0, 1, .max - 1, .max] {
            #expect(try JSONParser.parse(Array(JSONValue.int(int).serialized.utf8)) == .int(int))
        }
    }

    @Test func doublesAtTheEdgesStayDoubles() throws {
        let doubles: [Double] = [
            0, -0.0, 1, -1, 0.1, 1e16, 1e-7, .ulpOfOne, .leastNonzeroMagnitude, .leastNormalMagnitude,
            .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 9_007_199_254_740_994,
        ]
        for double in doubles {
            let parsed = try JSONParser.parse(Array(JSONValue.double(double).serialized.utf8))
            #expect(parsed == .double(double), "\(double)")
        }
    }
}
