import Foundation
import Testing

@testable import DeployCore

/// Lines out of a byte stream: each byte looked at once, a huge line kept to its first 64 KiB.
@Suite struct LineSplitterTests {
    @Test func linesAcrossChunksAndSeveralInOne() {
        var splitter = LineSplitter()
        #expect(splitter.feed(Data("first li".utf8)).isEmpty)
        #expect(splitter.feed(Data("ne\r\nsecond\nthi".utf8)) == ["first line", "second"])
        #expect(splitter.finish() == ["thi"])
        #expect(splitter.finish().isEmpty)
    }

    @Test func aLineOfFourMegabytesKeepsItsFirst64KiBMarkedAsCut() {
        var splitter = LineSplitter()
        let chunk = Data(repeating: UInt8(ascii: "x"), count: 64 * 1024)
        for _ in 0..<64 {
            #expect(splitter.feed(chunk).isEmpty)
            #expect(splitter.pendingCount <= LineSplitter.limit, "memory stays bounded whatever the line's length")
        }
        let lines = splitter.feed(Data("\nnext\n".utf8))
        #expect(lines.count == 2 && lines[1] == "next")
        #expect(lines[0].hasPrefix(String(repeating: "x", count: LineSplitter.limit)))
        #expect(lines[0].hasSuffix(" [… cut: the line is longer than 64 KiB]"))
        #expect(lines[0].count == LineSplitter.limit + " [… cut: the line is longer than 64 KiB]".count)
    }
}

/// What reaches the operator's terminal from a child, and stdout that cannot be written.
@Suite struct ReporterOutputTests {
    @Test func controlCharactersFromChildrenAreShownEscapedOnATerminal() {
        let clear = "\u{1B}[2J\u{1B}]0;owned\u{07}done\tok"
        #expect(Reporter.escaped(clear) == "^[[2J^[]0;owned^Gdone\tok")
        let lines = Lines()
        let terminal = Reporter(out: { _ in }, err: { lines.append(OutputLine(.stderr, $0)) }, escapes: true)
        terminal.child("build auth", OutputLine(.stdout, clear))
        let pipe = Reporter(out: { _ in }, err: { lines.append(OutputLine(.stderr, $0)) })
        pipe.child("build auth", OutputLine(.stdout, "plain"))
        #expect(lines.all.map(\.text) == ["[build auth] ^[[2J^[]0;owned^Gdone\tok\n", "[build auth] plain\n"])
    }

    @Test func aFailuresTailIsCutToAWidth() {
        #expect(Reporter.cut(String(repeating: "y", count: 1000)) == String(repeating: "y", count: 240) + " […]")
        #expect(Reporter.cut("short") == "short")
    }

    @Test func aStdoutThatCannotBeWrittenFailsTheRunButAGoneReaderDoesNot() throws {
        let full = open("/dev/full", O_WRONLY)
        defer { close(full) }
        let streams = StandardStreams(out: full, err: open("/dev/null", O_WRONLY))
        let reporter = Reporter(out: streams.out, err: streams.err, streams: streams)
        reporter.result("deployed abc1234")
        #expect(throws: DeployError.outputFailed("No space left on device")) { try reporter.checkOutput() }

        // As deploy does at start-up (Signals.install): a write to a pipe nobody reads is EPIPE, not death.
        signal(SIGPIPE, SIG_IGN)
        var ends: [Int32] = [0, 0]
        _ = pipe(&ends)
        close(ends[0])
        let gone = StandardStreams(out: ends[1], err: open("/dev/null", O_WRONLY))
        Reporter(out: gone.out, err: gone.err, streams: gone).result("deployed abc1234")
        #expect(gone.failure == nil, "a reader that went away (EPIPE) is not a failure")
        close(ends[1])
    }

    @Test(arguments: [
        (["--output", "json", "--yess"], true), (["status", "--output=json"], true), (["--output", "text"], false),
        (["--", "--output", "json"], false), (["--output"], false),
    ])
    func jsonIsAskedForEvenWhenTheRestDoesNotParse(arguments: [String], wanted: Bool) {
        #expect(Request.wantsJSON(arguments) == wanted)
    }
}
