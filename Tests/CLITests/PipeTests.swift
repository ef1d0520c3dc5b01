import ArselSandbox
import Foundation
import Testing
import TestSupport

/// `arsel-campaigns list | head -1`: the reader goes away (here before the first line); the command ends quietly.
@Suite struct PipeTests {
    @Test func aClosedPipeEndsTheCommandQuietly() async throws {
        let sandbox = try await Sandbox.startForTests()
        defer { Task { await sandbox.stop() } }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = """
            \(Binary.url.path) list --all --rate 100 2>\(dir.path)/err | true; echo "status=${PIPESTATUS[0]}"
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script + " >\(dir.path)/out"]
        process.environment = [
            "PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "LANG": "C.UTF-8",
            "ARSEL_API_KEY": sandbox.demoKey, "ARSEL_BASE_URL": sandbox.baseURL.absoluteString,
        ]
        // Waited for on a thread of its own: the sandbox it talks to runs on this process's pool.
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
            Thread.detachNewThread {
                do { try process.run() } catch { c.resume(throwing: error); return }
                process.waitUntilExit()
                c.resume()
            }
        }
        let r = (try? String(contentsOf: dir.appendingPathComponent("out"), encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: dir.appendingPathComponent("err"), encoding: .utf8)) ?? ""
        #expect(r.contains("status=141") || r.contains("status=0"), "\(r) \(stderr)")
        #expect(!stderr.contains("Fatal error") && !stderr.contains("backtrace"), "\(stderr)")
    }
}
