import Foundation
import Testing
import TestSupport

/// `--version`: the release and the commit the binary was built from, written by the BuildInfo
/// plugin's `commit.sh` before every build (`unknown` outside a git checkout).
@Suite struct VersionTests {
    /// The package's root: this file is Tests/CLITests/VersionTests.swift.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs a system tool to its end (no server runs in these tests for it to starve).
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// What the binary must say: this checkout's `git rev-parse --short HEAD`, or `unknown` when
    /// the tests run outside a git checkout.
    static func expectedCommit() throws -> String {
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(".git").path) else { return "unknown" }
        let git = try run("/usr/bin/env", ["git", "-C", root.path, "rev-parse", "--short", "HEAD"])
        return git.status == 0 ? git.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : "unknown"
    }

    @Test func versionSaysTheReleaseAndTheCommitItWasBuiltFrom() async throws {
        let commit = try Self.expectedCommit()
        for arguments in [["--version"], ["list", "--version"]] {
            let r = try await Binary.run(arguments)
            #expect(r.status == 0, "\(arguments): \(r.stderr)")
            #expect(r.stderr.isEmpty, "\(arguments): \(r.stderr)")
            let match = try #require(r.stdout.wholeMatch(of: /arsel-campaigns (\d+\.\d+\.\d+) \(commit ([0-9a-f]{4,40}|unknown)\)\n/),
                                     "\(arguments): \(r.stdout)")
            #expect(match.output.2 == commit, "built from \(commit), says \(match.output.2)")
        }
    }

    /// The plugin's script on a directory that is not a checkout (a tarball) and on a fresh
    /// repository: `unknown`, then that repository's commit — not the checkout around it.
    @Test func theScriptSaysUnknownOutsideGitAndTheCommitInside() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("buildinfo-\(UUID().uuidString)")
        let tarball = dir.appendingPathComponent("tarball"), out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: tarball, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = Self.root.appendingPathComponent("Plugins/BuildInfo/commit.sh").path
        func generated() throws -> String {
            let text = try String(contentsOf: out.appendingPathComponent("BuildInfo.swift"), encoding: .utf8)
            return try #require(text.firstMatch(of: /static let commit = "([^"]*)"/)).output.1.description
        }

        #expect(try Self.run("/bin/sh", [script, tarball.path, out.path]).status == 0)
        #expect(try generated() == "unknown")

        let git = ["-C", tarball.path, "-c", "user.name=t", "-c", "user.email=t@example.com"]
        try #require(try Self.run("/usr/bin/env", ["git", "--version"]).status == 0, "git, for the checkout half")
        #expect(try Self.run("/usr/bin/env", ["git", "init", "-q", tarball.path]).status == 0)
        #expect(try Self.run("/usr/bin/env", ["git"] + git + ["commit", "-q", "--allow-empty", "-m", "x"]).status == 0)
        let head = try Self.run("/usr/bin/env", ["git", "-C", tarball.path, "rev-parse", "--short", "HEAD"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try Self.run("/bin/sh", [script, tarball.path, out.path]).status == 0)
        #expect(try generated() == head)
        #expect(head.count >= 4)
    }
}
