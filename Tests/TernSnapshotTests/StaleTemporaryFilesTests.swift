import TernFiles
import TernTestKit
import Testing

@Suite("StaleTemporaryFiles: what a killed write left behind")
struct StaleTemporaryFilesTests {
    @Test func removesAnAbandonedWriteOfTheTargetOnly() throws {
        try withTemporaryDirectory { directory in
            // An output abandoned as SIGKILL would leave it: the temporary file, never committed.
            let abandoned = try OutputFile.create(directory.file("sessions.tsnap"))
            try abandoned.write(Array("half".utf8))
            let left = try OutputFileTests.temporaries(of: "sessions.tsnap", in: directory)
            try #require(left.count == 1)
            try directory.write([1], to: "sessions.tsnap")
            try directory.write([2], to: ".other.tsnap.tern-abcdef")
            try directory.write([3], to: ".sessions.tsnap.tern-toolong")
            try directory.write([4], to: "sessions.tsnap.tern-abcdef")

            let removed = StaleTemporaryFiles.remove(besides: directory.file("sessions.tsnap"))

            #expect(removed == [directory.file(left[0])])
            #expect(try directory.entries().sorted() == [
                ".other.tsnap.tern-abcdef", ".sessions.tsnap.tern-toolong", "sessions.tsnap", "sessions.tsnap.tern-abcdef",
            ])
            abandoned.abort()
        }
    }

    @Test func aMissingDirectoryRemovesNothing() {
        #expect(StaleTemporaryFiles.remove(besides: "/nonexistent-tern-directory/sessions.tsnap").isEmpty)
    }
}
