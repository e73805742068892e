import Foundation
import Glibc

/// Runs a program with posix_spawn and waits for it with wait4, which gives its own resource usage: the
/// benchmark's peak RSS is the child's `ru_maxrss`, not a guess from outside.
enum ProcessRunner {
    struct Outcome {
        /// Exit status, or nil when a signal ended the program (see `signal`).
        var status: Int32?
        var signal: Int32?
        var wallSeconds: Double
        var cpuSeconds: Double
        var peakRSSKiB: Int

        var description: String {
            if let status { return "exit status \(status)" }
            return "killed by signal \(signal ?? 0)"
        }
    }

    /// Runs `arguments` (the first is looked up on PATH), standard output to `stdout` (a file path, /dev/null by
    /// default) and standard error to `stderr` (nil: inherited).
    static func run(_ arguments: [String], stdout: String = "/dev/null", stderr: String? = nil) throws -> Outcome {
        guard let program = arguments.first else { throw BenchError("nothing to run") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let stderr {
            posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] =
            ProcessInfo.processInfo.environment
            .map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let start = monotonicSeconds()
        let spawned = argv.withUnsafeBufferPointer { argvBuffer in
            envp.withUnsafeBufferPointer { envBuffer in
                guard let argvBase = argvBuffer.baseAddress else { return EINVAL }
                return posix_spawnp(&pid, program, &actions, nil, argvBase, envBuffer.baseAddress)
            }
        }
        guard spawned == 0 else {
            throw BenchError("cannot run \(program): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("wait4 failed: \(String(cString: strerror(errno)))") }
        }
        let wall = monotonicSeconds() - start
        let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime)
        let signal = status & 0x7F
        return Outcome(
            status: signal == 0 ? (status >> 8) & 0xFF : nil, signal: signal == 0 ? nil : signal,
            wallSeconds: wall, cpuSeconds: cpu, peakRSSKiB: Int(usage.ru_maxrss))
    }

    /// Starts every command at once (standard output to /dev/null) and waits for all; returns the wall time, or
    /// nil when one could not start or did not exit 0, 1 or 3 (analyze's statuses for a report).
    static func runTogether(_ commands: [[String]]) -> Double? {
        let start = monotonicSeconds()
        var pids: [pid_t] = []
        for arguments in commands {
            guard let program = arguments.first else { return nil }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
            defer { for pointer in argv { free(pointer) } }
            var pid: pid_t = 0
            let spawned = argv.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { posix_spawnp(&pid, program, &actions, nil, $0, environ) } ?? EINVAL
            }
            guard spawned == 0 else { return nil }
            pids.append(pid)
        }
        var ok = true
        for pid in pids {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 {
                guard errno == EINTR else { return nil }
            }
            let code = (status >> 8) & 0xFF
            if status & 0x7F != 0 || ![0, 1, 3].contains(code) { ok = false }
        }
        return ok ? monotonicSeconds() - start : nil
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    static func seconds(_ value: timeval) -> Double { Double(value.tv_sec) + Double(value.tv_usec) / 1e6 }

    /// This process's own peak RSS (the generator's), in KiB.
    static func selfPeakRSSKiB() -> Int {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss)
    }
}
