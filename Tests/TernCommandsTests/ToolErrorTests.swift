import TernCommandSupport
import TernCore
import TernFiles
import TernSnapshot
import TernTestKit
import Testing

@testable import TernCommands

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    import Darwin
#endif

@Suite("Tool error classification")
struct ToolErrorTests {
    /// A sink that forgets everything, to provoke the writer's order check.
    final class DiscardingSink: ByteSink {
        func write(_ bytes: UnsafeRawBufferPointer) throws {}
        func finish() throws {}
    }

    struct Unknown: Error {}

    @Test func exitStatusesHaveTheirSysexitsValues() {
        #expect(ExitStatus.dataError.rawValue == 65)
        #expect(ExitStatus.noInput.rawValue == 66)
        #expect(ExitStatus.ioError.rawValue == 74)
    }

    @Test func corruptSnapshotIsBadData() {
        let error = SnapshotError(.truncated(expected: "a record"), offset: 40, record: 2)
        let tool = ToolError.classify(error)
        #expect(tool?.status == .dataError)
        #expect(tool?.status.rawValue == 65)
        #expect(tool?.message == error.description)
    }

    @Test func damagedGzipIsBadData() {
        let error = GzipError("invalid stored block lengths", compressedOffset: 12)
        #expect(ToolError.classify(error)?.status.rawValue == 65)
        #expect(
            ToolError.classify(error)?.message
                == "damaged gzip stream: invalid stored block lengths (at compressed byte 12)")
    }

    @Test(arguments: [ENOENT, EISDIR, ENOTDIR, EACCES, ELOOP, ENAMETOOLONG])
    func inputThatCannotBeOpenedIsMissingInput(_ code: Int32) {
        let tool = ToolError.classify(IOFailure("open", path: "/nope/in.tsnap", code: code))
        #expect(tool?.status == .noInput)
        #expect(tool?.status.rawValue == 66)
    }

    @Test func missingInputMessageSaysWhichFileAndWhy() {
        let tool = ToolError.classify(IOFailure("open", path: "in.tsnap", code: ENOENT))
        #expect(tool?.message == "in.tsnap: cannot open: no such file or directory")
    }

    @Test func fullDiskIsAnIOError() {
        let tool = ToolError.classify(IOFailure("write", path: "out.tsnap", code: ENOSPC))
        #expect(tool?.status == .ioError)
        #expect(tool?.status.rawValue == 74)
        #expect(tool?.message == "out.tsnap: cannot write: no space left on device")
    }

    @Test func otherSystemCallFailuresAreIOErrors() {
        #expect(ToolError.classify(IOFailure("read", path: "-", code: EIO))?.status == .ioError)
        #expect(ToolError.classify(IOFailure("open", path: "x", code: EIO))?.status == .ioError)
        #expect(ToolError.classify(IOFailure("rename", path: "x", code: ENOENT))?.status == .ioError)
        #expect(
            ToolError.classify(IOFailure("read", path: "-", code: EIO))?.message.hasPrefix(
                "standard input: cannot read") == true)
    }

    @Test func recordsOutOfOrderAreBadData() throws {
        let writer = try SnapshotWriter(
            sink: DiscardingSink(), header: SnapshotHeader(writer: "t", created: 0, cluster: "c"))
        try writer.write(Samples.sessionRecord("b", version: Samples.version(1)))
        do {
            try writer.write(Samples.sessionRecord("a", version: Samples.version(1)))
            Issue.record("the writer accepted a record out of order")
        } catch {
            let tool = ToolError.classify(error)
            #expect(tool?.status.rawValue == 65)
            #expect(tool?.message.hasPrefix("records out of order: shop/a written after shop/b") == true)
        }
    }

    @Test func toolErrorsPassThroughUnchanged() {
        let tool = ToolError.classify(ToolError(.negative, "differences found"))
        #expect(tool?.status == .negative)
        #expect(tool?.message == "differences found")
    }

    @Test func unknownErrorsAreLeftToTheCaller() {
        #expect(ToolError.classify(Unknown()) == nil)
        #expect(ToolError.classify(CancellationError()) == nil)
    }

    @Test func argumentParserErrorsAreLeftToTheArgumentParser() {
        do {
            _ = try SessionFilterOptions.parse(["--live", "--expired"])
            Issue.record("contradictory flags were accepted")
        } catch {
            #expect(ToolError.classify(error) == nil)
        }
    }
}
