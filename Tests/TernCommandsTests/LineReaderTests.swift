import TernCommandSupport
import TernTestKit
import Testing

@testable import TernCommands

@Suite("Line reader")
struct LineReaderTests {
    /// Every line `reader` returns, as strings.
    private func lines(_ reader: LineReader) throws -> [String] {
        var lines: [String] = []
        while let line = try reader.next() { lines.append(String(decoding: line, as: UTF8.self)) }
        return lines
    }

    private func lines(_ text: String, chunks: [Int] = [], limit: Int = 1000) throws -> [String] {
        try lines(LineReader(ChunkedByteSource(text, chunks: chunks), maxLineBytes: limit))
    }

    @Test func joinsLinesSplitAcrossChunks() throws {
        // "alp" | "ha\nbeta\r" | "\ngam" | "ma\n": splits inside a line and between \r and \n.
        #expect(try lines("alpha\nbeta\r\ngamma\n", chunks: [3, 8, 4]) == ["alpha", "beta", "gamma"])
    }

    @Test func splitsRandomlyChunkedTextLikeSplittingOnNewlines() throws {
        var random = TestRandom(seed: 0x11E5)
        let alphabet = Array("ab \r\né\u{0}".unicodeScalars)
        for round in UInt64(0)..<300 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...200, using: &random) {
                text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &random)])
            }
            let bytes = Array(String(text).utf8)
            var expected = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
                line.last == 0x0D ? Array(line.dropLast()) : Array(line)
            }
            if bytes.last == 0x0A || bytes.isEmpty { expected.removeLast() }  // nothing after the last newline
            let source = ChunkedByteSource(bytes, maxChunk: Int.random(in: 1...20, using: &random), seed: round)
            let reader = LineReader(source, maxLineBytes: 1000)
            var actual: [[UInt8]] = []
            while let line = try reader.next() { actual.append(Array(line)) }
            #expect(actual == expected, "\(bytes)")
            #expect(reader.lineNumber == expected.count)
        }
    }

    @Test func stripsCarriageReturnsBeforeNewlinesOnly() throws {
        #expect(try lines("a\r\nb\rc\n\r\r\n\r\n") == ["a", "b\rc", "\r", ""])
    }

    @Test func returnsTheLastLineWithoutANewline() throws {
        #expect(try lines("a\nlast", chunks: [3]) == ["a", "last"])
    }

    @Test func stripsTheCarriageReturnOfAnUnterminatedLastLine() throws {
        #expect(try lines("a\r\nb\r") == ["a", "b"])
        #expect(try lines("a\r\nb\r", chunks: [4]) == ["a", "b"])
        #expect(try lines("\r") == [""])
    }

    @Test func keepsEmptyLinesAndCountsThem() throws {
        let reader = LineReader(ChunkedByteSource("\n\na\n\n", chunks: []), maxLineBytes: 10)
        #expect(reader.lineNumber == 0)
        #expect(try lines(reader) == ["", "", "a", ""])
        #expect(reader.lineNumber == 4)
        #expect(try reader.next() == nil)
        #expect(reader.lineNumber == 4)
    }

    @Test func emptyInputHasNoLines() throws {
        let reader = LineReader(ChunkedByteSource("", chunks: []), maxLineBytes: 10)
        #expect(try reader.next() == nil)
        #expect(try reader.next() == nil)
        #expect(reader.lineNumber == 0)
    }

    @Test func lineOfExactlyTheLimitIsAccepted() throws {
        let line = String(repeating: "x", count: 16)
        let text = Array((line + "\n" + line + "\r\n" + line).utf8)
        for seed in UInt64(0)..<50 {
            let reader = LineReader(ChunkedByteSource(text, maxChunk: 5, seed: seed), maxLineBytes: 17)
            #expect(try lines(reader) == [line, line, line])
        }
    }

    @Test func lineLongerThanTheLimitIsAnError() throws {
        let text = Array(("short\n" + String(repeating: "x", count: 100) + "\nafter\n").utf8)
        for seed in UInt64(0)..<50 {
            let reader = LineReader(ChunkedByteSource(text, maxChunk: 5, seed: seed), maxLineBytes: 16)
            #expect(try reader.next().map(Array.init) == Array("short".utf8))
            #expect {
                _ = try reader.next()
            } throws: { error in
                let tooLong = error as? LineReader.LineTooLong
                return tooLong?.line == 2 && tooLong?.limit == 16
            }
        }
    }

    @Test func unterminatedLastLineLongerThanTheLimitIsAnError() {
        let bytes = Array(String(repeating: "y", count: 50).utf8)
        let reader = LineReader(ChunkedByteSource(bytes, maxChunk: 4, seed: 9), maxLineBytes: 10)
        #expect(throws: LineReader.LineTooLong.self) { try reader.next() }
    }

    @Test func longLinesGrowTheBuffer() throws {
        let long = String(repeating: "z", count: (1 << 20) + 100)
        let reader = LineReader(
            ChunkedByteSource("a\n" + long + "\nb", chunks: [1, 1 << 19, 5]), maxLineBytes: 4 << 20)
        #expect(try lines(reader) == ["a", long, "b"])
    }

    @Test func sourceErrorsReachTheCaller() {
        let reader = LineReader(FailingByteSource(), maxLineBytes: 10)
        #expect(throws: FailingByteSource.Failure()) { try reader.next() }
    }
}
