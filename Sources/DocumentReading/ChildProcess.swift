import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a finished child process left behind.
///
/// `stdout` and `stderr` each hold at most the `maxOutput` bytes the caller allowed; when either
/// stream went over, reading stopped, the child was killed and `truncated` is true. When the time
/// limit passed first, the child was killed and `timedOut` is true. `status` is the exit status, or
/// 128 + the signal number when the child was killed by a signal (as shells report it).
public struct ToolOutput: Sendable {
    public let status: Int32
    public let stdout: [UInt8]
    public let stderr: [UInt8]
    public let timedOut: Bool
    public let truncated: Bool

    public init(status: Int32, stdout: [UInt8], stderr: [UInt8], timedOut: Bool, truncated: Bool) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.timedOut = timedOut
        self.truncated = truncated
    }
}

/// Why a tool could not be started at all (a tool that starts and fails is a `ToolOutput`).
public enum ChildProcessError: Error, Sendable, Equatable {
    /// The named executable is not on PATH nor in the usual system folders.
    case toolMissing(String)
    /// The executable was found but could not be started (pipes, spawn); the text says why.
    case launchFailed(String)
}

/// Runs a well-kept external tool (poppler's `pdfinfo`, `pdftotext`, ...) on untrusted input.
///
/// WHY a child process: a hostile file may crash or hang the tool; it must not crash or hang the
/// server. So the tool runs without a shell (arguments are passed as-is, never interpreted), with
/// stdin at /dev/null, in its own process group, under a time limit and an output limit; when
/// either is passed the whole group is killed with SIGKILL. The child is always reaped.
///
/// `run` blocks the calling thread until the child is gone: call it off the event loop
/// (NIOThreadPool, a detached task).
public enum ChildProcess {
    /// Folders searched after PATH, so a server started with a bare environment still finds
    /// Debian's /usr/bin tools.
    static let fallbackFolders = ["/usr/bin", "/bin", "/usr/local/bin"]

    private static let spawnLock = NSLock()

    /// Runs `executable` (a name looked up on PATH, or a path containing "/") with `arguments`.
    ///
    /// - Parameters:
    ///   - timeout: wall-clock limit from start to exit.
    ///   - maxOutput: the most bytes kept from EACH of stdout and stderr; one byte more and the
    ///     child is killed and the output marked `truncated`.
    public static func run(
        _ executable: String, _ arguments: [String], timeout: Duration, maxOutput: Int
    ) throws(ChildProcessError) -> ToolOutput {
        guard let path = locate(executable) else { throw .toolMissing(executable) }
        let limit = max(0, maxOutput)
        let deadline = ContinuousClock.now.advanced(by: timeout)

        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        // Pipes are made and the child started under one lock, and our write ends closed before
        // it is released: otherwise a tool started by another thread in between could inherit a
        // write end (pipe() and FD_CLOEXEC are two steps) and hold our end of file back.
        spawnLock.lock()
        let pid: pid_t
        do {
            defer { spawnLock.unlock() }
            guard makePipe(&outPipe) else { throw ChildProcessError.launchFailed("pipe: \(errnoText())") }
            guard makePipe(&errPipe) else {
                closeAll(outPipe)
                throw ChildProcessError.launchFailed("pipe: \(errnoText())")
            }
            do {
                pid = try spawn(path: path, arguments: [executable] + arguments,
                                stdoutWrite: outPipe[1], stderrWrite: errPipe[1])
            } catch {
                closeAll(outPipe + errPipe)
                throw error
            }
            // The child holds its own copies of the write ends; ours must go so EOF can arrive.
            close(outPipe[1])
            close(errPipe[1])
        }

        var collector = OutputCollector(limit: limit, stdoutFD: outPipe[0], stderrFD: errPipe[0])
        let ending = collector.collect(until: deadline)
        if ending != .finished {
            killGroup(pid)
        }
        close(outPipe[0])
        close(errPipe[0])
        // A child that closed its pipes but keeps running is waited for until the deadline.
        var timedOut = ending == .timedOut
        var rawStatus = ending == .finished ? waitUntil(pid, deadline: deadline) : nil
        if ending == .finished && rawStatus == nil {
            killGroup(pid)
            timedOut = true
        }
        if rawStatus == nil { rawStatus = reap(pid) }

        return ToolOutput(
            status: decodeStatus(rawStatus ?? 0),
            stdout: collector.stdout,
            stderr: collector.stderr,
            timedOut: timedOut,
            truncated: ending == .truncated
        )
    }

    // MARK: - Finding the executable

    /// The absolute path of an executable regular file, searching PATH then the fallback folders.
    static func locate(_ name: String) -> String? {
        if name.isEmpty { return nil }
        if name.contains("/") { return isExecutableFile(name) ? name : nil }
        var folders: [String] = []
        if let rawPath = getenv("PATH") {
            folders = String(cString: rawPath).split(separator: ":").map(String.init)
        }
        for folder in folders + fallbackFolders where !folder.isEmpty {
            let candidate = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            if isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }

    // MARK: - Starting

    /// A pipe whose ends are close-on-exec in this process, so no other child inherits them.
    private static func makePipe(_ fds: inout [Int32]) -> Bool {
        fds.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard pipe(buffer.baseAddress!) == 0 else { return false }
            for fd in buffer {
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
            return true
        }
    }

    private static func spawn(
        path: String, arguments: [String], stdoutWrite: Int32, stderrWrite: Int32
    ) throws(ChildProcessError) -> pid_t {
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutWrite, 1)
        posix_spawn_file_actions_adddup2(&actions, stderrWrite, 2)

        // Own process group (so the whole tree can be killed), default signal handling (the
        // server ignores SIGPIPE; the tool should not inherit that), nothing blocked.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        sigaddset(&defaultSignals, SIGPIPE)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }

        var pid: pid_t = 0
        let result = argv.withUnsafeBufferPointer { argvBuffer in
            posix_spawn(&pid, path, &actions, &attributes, argvBuffer.baseAddress!, environ)
        }
        guard result == 0 else {
            throw .launchFailed("\(path): \(String(cString: strerror(result)))")
        }
        return pid
    }

    // MARK: - Stopping and reaping

    /// SIGKILL to the child's process group (it leads its own) and to the child itself.
    private static func killGroup(_ pid: pid_t) {
        _ = kill(-pid, SIGKILL)
        _ = kill(pid, SIGKILL)
    }

    /// Polls for the child's exit until the deadline; nil when it is still running then.
    private static func waitUntil(_ pid: pid_t, deadline: ContinuousClock.Instant) -> Int32? {
        var pause: UInt32 = 1_000
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return status }
            if result == -1 && errno != EINTR { return 0 }
            if ContinuousClock.now >= deadline { return nil }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
    }

    /// Blocking wait, retried on EINTR, so no zombie is left behind.
    private static func reap(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            if errno != EINTR { return 0 }
        }
        return status
    }

    /// Exit status, or 128 + signal for a child killed by a signal.
    static func decodeStatus(_ raw: Int32) -> Int32 {
        let signal = raw & 0x7f
        if signal == 0 { return (raw >> 8) & 0xff }
        return 128 + signal
    }

    private static func closeAll(_ fds: [Int32]) {
        for fd in fds where fd >= 0 { close(fd) }
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

/// Reads stdout and stderr together with poll(2), so a child filling one pipe while we wait on
/// the other cannot deadlock, and stops at the byte limit or the deadline.
struct OutputCollector {
    enum Ending: Equatable { case finished, truncated, timedOut }

    let limit: Int
    var stdout: [UInt8] = []
    var stderr: [UInt8] = []
    private var stdoutFD: Int32
    private var stderrFD: Int32

    init(limit: Int, stdoutFD: Int32, stderrFD: Int32) {
        self.limit = limit
        self.stdoutFD = stdoutFD
        self.stderrFD = stderrFD
    }

    /// Reads until both pipes reach end of file (`.finished`), a stream passes the limit
    /// (`.truncated`) or the deadline passes (`.timedOut`).
    mutating func collect(until deadline: ContinuousClock.Instant) -> Ending {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while stdoutFD >= 0 || stderrFD >= 0 {
            let remaining = ContinuousClock.now.duration(to: deadline)
            if remaining <= .zero { return .timedOut }
            let milliseconds = Self.milliseconds(remaining)
            var fds = [pollfd]()
            if stdoutFD >= 0 { fds.append(pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)) }
            if stderrFD >= 0 { fds.append(pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0)) }
            let ready = fds.withUnsafeMutableBufferPointer { buffer in
                poll(buffer.baseAddress, nfds_t(buffer.count), milliseconds)
            }
            if ready < 0 {
                if errno == EINTR { continue }
                return .finished
            }
            if ready == 0 { continue }
            for entry in fds where entry.revents != 0 {
                let count = chunk.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                let isStdout = entry.fd == stdoutFD
                if count <= 0 {
                    if isStdout { stdoutFD = -1 } else { stderrFD = -1 }
                    continue
                }
                let bytes = chunk[0..<count]
                let exceeded: Bool
                if isStdout {
                    exceeded = Self.append(bytes, to: &stdout, limit: limit)
                } else {
                    exceeded = Self.append(bytes, to: &stderr, limit: limit)
                }
                if exceeded { return .truncated }
            }
        }
        return .finished
    }

    /// Appends up to the limit; true when bytes had to be dropped.
    private static func append(_ bytes: ArraySlice<UInt8>, to buffer: inout [UInt8], limit: Int) -> Bool {
        let room = limit - buffer.count
        if bytes.count <= room {
            buffer.append(contentsOf: bytes)
            return false
        }
        buffer.append(contentsOf: bytes.prefix(max(0, room)))
        return true
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        let parts = duration.components
        let total = parts.seconds * 1_000 + parts.attoseconds / 1_000_000_000_000_000 + 1
        return Int32(clamping: max(1, total))
    }
}
