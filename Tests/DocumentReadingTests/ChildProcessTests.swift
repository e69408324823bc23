import Foundation
import Testing
@testable import DocumentReading

/// Issue 8 item 1: external tools run with a time limit and bounded output, so a hostile file can
/// hang or flood the tool but not the server.
@Suite("ChildProcess: running tools with limits")
struct ChildProcessTests {
    @Test("a command that succeeds returns its status, stdout and stderr")
    func succeeds() throws {
        let output = try ChildProcess.run(
            "sh", ["-c", "printf 'hello'; printf 'warn' >&2; exit 3"],
            timeout: .seconds(10), maxOutput: 1_024)
        #expect(output.status == 3)
        #expect(String(decoding: output.stdout, as: UTF8.self) == "hello")
        #expect(String(decoding: output.stderr, as: UTF8.self) == "warn")
        #expect(!output.timedOut)
        #expect(!output.truncated)
    }

    @Test("arguments are passed as-is, never through a shell")
    func noShell() throws {
        let output = try ChildProcess.run(
            "printf", ["%s|", "a b", "$HOME", "; echo injected"], timeout: .seconds(10), maxOutput: 1_024)
        #expect(output.status == 0)
        #expect(String(decoding: output.stdout, as: UTF8.self) == "a b|$HOME|; echo injected|")
    }

    @Test("stdin is /dev/null: a tool reading stdin sees end of file at once")
    func stdinIsEmpty() throws {
        let output = try ChildProcess.run("cat", [], timeout: .seconds(5), maxOutput: 1_024)
        #expect(output.status == 0)
        #expect(output.stdout.isEmpty)
        #expect(!output.timedOut)
    }

    @Test("a command past its time limit is killed and reported as timed out")
    func timesOut() throws {
        let start = ContinuousClock.now
        let output = try ChildProcess.run("sleep", ["5"], timeout: .milliseconds(200), maxOutput: 1_024)
        let elapsed = ContinuousClock.now - start
        #expect(output.timedOut)
        #expect(!output.truncated)
        #expect(output.status == 128 + SIGKILL)
        #expect(elapsed < .seconds(2))
    }

    @Test("a child that keeps the pipes open through a grandchild is still stopped at the limit")
    func grandchildHoldingPipes() throws {
        let start = ContinuousClock.now
        let output = try ChildProcess.run(
            "sh", ["-c", "sleep 5 & sleep 5; wait"], timeout: .milliseconds(300), maxOutput: 1_024)
        #expect(output.timedOut)
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test("huge output is cut at the limit, the child killed and the output marked truncated")
    func hugeOutput() throws {
        let start = ContinuousClock.now
        let output = try ChildProcess.run("yes", [], timeout: .seconds(10), maxOutput: 100_000)
        #expect(output.truncated)
        #expect(!output.timedOut)
        #expect(output.stdout.count == 100_000)
        #expect(output.stdout.prefix(4) == [UInt8(ascii: "y"), 10, UInt8(ascii: "y"), 10])
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test("a flood on stderr while stdout stays quiet does not deadlock")
    func stderrFlood() throws {
        let output = try ChildProcess.run(
            "sh", ["-c", "head -c 300000 /dev/zero >&2; printf done"],
            timeout: .seconds(10), maxOutput: 1_000_000)
        #expect(output.status == 0)
        #expect(output.stderr.count == 300_000)
        #expect(String(decoding: output.stdout, as: UTF8.self) == "done")
        #expect(!output.truncated && !output.timedOut)
    }

    @Test("a missing tool is reported by name")
    func missingTool() {
        #expect(throws: ChildProcessError.toolMissing("no-such-tool-title-review")) {
            try ChildProcess.run("no-such-tool-title-review", [], timeout: .seconds(1), maxOutput: 10)
        }
        #expect(throws: ChildProcessError.toolMissing("/nonexistent/pdfinfo")) {
            try ChildProcess.run("/nonexistent/pdfinfo", [], timeout: .seconds(1), maxOutput: 10)
        }
    }

    @Test("tools are found on PATH and in /usr/bin")
    func locate() {
        #expect(ChildProcess.locate("sh") != nil)
        #expect(ChildProcess.locate("") == nil)
        #expect(ChildProcess.locate("/bin") == nil, "a folder is not an executable")
    }

    /// The child prints its own pid (`sh` execs the last command in place), so the test can
    /// check that exact process is gone -- reaped, not a zombie -- without touching other children.
    @Test("the child is reaped after success, after a timeout and after truncation",
          arguments: [
              ("echo $$", 1_000, 5_000),
              ("echo $$; exec sleep 5", 1_000, 200),
              ("echo $$; exec yes", 40, 5_000),
          ])
    func reaped(script: String, maxOutput: Int, milliseconds: Int) throws {
        let output = try ChildProcess.run(
            "sh", ["-c", script], timeout: .milliseconds(milliseconds), maxOutput: maxOutput)
        let firstLine = String(decoding: output.stdout, as: UTF8.self).split(separator: "\n").first
        let pid = try #require(firstLine.flatMap { Int32($0) })
        #expect(kill(pid, 0) == -1 && errno == ESRCH, "process \(pid) still exists (zombie?)")
    }
}
