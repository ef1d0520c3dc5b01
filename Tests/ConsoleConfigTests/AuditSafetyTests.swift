import ArselAPI
import ArselModel
import Foundation
import Testing
import TerminalUI
import TestSupport
@testable import ConsoleConfig

/// The audit file is evidence: written only to a regular file of one's own, whole records or
/// none, and nothing in it can drive a terminal or leak the key.
@Suite(.serialized) struct AuditSafetyTests {
    static func record(name: String? = "Spring sale", error: String? = nil) -> AuditRecord {
        AuditRecord(
            sshConnection: nil, profile: "default", apiHost: "127.0.0.1", source: "cli",
            campaignID: "0192a1b2-c3d4-7e5f-9000-abcdef123456", campaignName: name, channel: "email",
            statusBefore: "Sending", idempotencyKey: "k-1", outcome: "intent", httpStatus: nil, errorName: nil,
            errorMessage: error, requestID: nil, attempts: 0)
    }

    static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static func directory() throws -> String {
        let dir = NSTemporaryDirectory() + "audit-safety-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func refusesToAppendThroughASymlink() throws {
        let dir = try Self.directory()
        let target = dir + "/elsewhere", path = dir + "/audit.jsonl"
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        #expect(throws: AuditLogError.symlink(path: path)) { try AuditLog(path: path).append(Self.record()) }
        #expect(String(describing: AuditLogError.symlink(path: path)).contains(path))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious\n", "nothing went through the link")
    }

    /// Before the fix the open blocked until a reader came, ignoring every signal but SIGKILL:
    /// the append runs on a thread of its own and the test unblocks it itself if it hangs.
    @Test func refusesAFIFOWithoutBlocking() throws {
        let path = try Self.directory() + "/audit.jsonl"
        #expect(mkfifo(path, 0o600) == 0)
        let outcome = Locked<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            do {
                try AuditLog(path: path).append(Self.record())
                outcome.withLock { $0 = "appended" }
            } catch {
                outcome.withLock { $0 = "\(error)" }
            }
            done.signal()
        }
        if done.wait(timeout: .now() + 5) == .timedOut {
            let reader = open(path, O_RDONLY | O_NONBLOCK)  // lets the blocked open return
            _ = done.wait(timeout: .now() + 5)
            close(reader)
            Issue.record("append blocked on a FIFO")
            return
        }
        #expect(outcome.value == String(describing: AuditLogError.notRegularFile(path: path)))
    }

    @Test func tightensALooseModeTo0600() throws {
        let path = try Self.directory() + "/audit.jsonl"
        #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o644]))
        try AuditLog(path: path).append(Self.record())
        var st = stat()
        #expect(stat(path, &st) == 0)
        #expect(st.st_mode & 0o777 == 0o600)
    }

    /// A torn line (a crash, a full disk, an older version) neither glues onto the next record
    /// nor makes the reader lose the record glued onto it.
    @Test func aTornLineDoesNotSwallowTheNextRecord() throws {
        let dir = try Self.directory()
        let path = dir + "/audit.jsonl"
        try Data(#"{"api_host":"127."#.utf8).write(to: URL(fileURLWithPath: path))
        try AuditLog(path: path).append(Self.record(name: "after the tear"))
        let (records, problems) = try AuditLog(path: path).read()
        #expect(records.map(\.campaignName) == ["after the tear"])
        #expect(problems.count == 1)

        // A file already damaged the old way: the partial record and the next on one line.
        let glued = dir + "/glued.jsonl"
        let whole = try JSONEncoder().encode(Self.record(name: "glued"))
        try Data(#"{"api_host":"127."#.utf8 + whole + Data("\n".utf8)).write(to: URL(fileURLWithPath: glued))
        let old = try AuditLog(path: glued).read()
        #expect(old.records.map(\.campaignName) == ["glued"])
        #expect(old.problems.count == 1 && old.problems[0].contains("damaged"))
    }

    @Test func hostileServerTextIsEscapedAndTheKeyRedacted() throws {
        let secret = "be_AuditSafetyKey0123456789abcdef"
        let key = try APIKey(secret)  // registers itself with Redaction
        let hostile = "a\u{1B}[2Jb\u{9B}31mc\u{202E}d\u{2066}e\u{200B}f\u{7F}g\r\\ \(secret)"
        let path = try Self.directory() + "/audit.jsonl"
        try AuditLog(path: path).append(Self.record(name: hostile, error: "echo: \(secret)"))

        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(bytes.last == 0x0A)
        let unsafe = text.dropLast().unicodeScalars.filter { Sanitizer.isUnsafe($0) }
        #expect(unsafe.isEmpty, "raw control/C1/bidi scalars in the file: \(unsafe.map { String($0.value, radix: 16) })")
        #expect(!text.contains(secret))
        #expect(text.contains(key.masked))

        let (records, problems) = try AuditLog(path: path).read()
        #expect(problems.isEmpty)
        #expect(records.first?.campaignName == hostile.replacingOccurrences(of: secret, with: key.masked))
        #expect(records.first?.errorMessage == "echo: \(key.masked)")
    }

    /// A real full disk: a small tmpfs (needs root; skipped with a reason otherwise). Every
    /// append either lands whole or throws "the disk is full" naming the file, leaving no
    /// partial line.
    @Test func aFullDiskLeavesNoHalfRecord() throws {
        let mountPoint = try Self.directory()
        guard Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=12k", "tmpfs", mountPoint]) else {
            print("aFullDiskLeavesNoHalfRecord skipped: mounting a tmpfs was refused (not root?)")
            return
        }
        defer { _ = Self.run("/bin/umount", [mountPoint]) }
        let path = mountPoint + "/audit.jsonl"
        let log = AuditLog(path: path)
        var written = 0
        var failure: (any Error)?
        for i in 0..<1000 {
            do {
                try log.append(Self.record(name: "campaign \(i) " + String(repeating: "x", count: 300)))
                written += 1
            } catch {
                failure = error
                break
            }
        }
        let error = try #require(failure as? AuditLogError, "the disk never filled, or the error is not readable: \(String(describing: failure))")
        #expect(error == .diskFull(path: path))
        #expect(String(describing: error).contains("the disk is full") && String(describing: error).contains(path))
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.last == 0x0A, "no partial line at the end")
        let (records, problems) = try log.read()
        #expect(problems.isEmpty)
        #expect(records.count == written)
    }
}
