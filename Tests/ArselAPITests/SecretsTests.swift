import ArselAPI
import ArselModel
import Foundation
import Testing

@Suite struct SecretsTests {
    let secret = "be_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0"

    @Test func keyPrintsOnlyMasked() throws {
        let key = try APIKey(secret)
        #expect(key.masked == "be_…b1a0")
        #expect("\(key)" == "be_…b1a0")
        #expect(String(reflecting: key) == "APIKey(be_…b1a0)")
        var dumped = ""
        dump(key, to: &dumped)
        #expect(!dumped.contains(secret))
        #expect(!dumped.contains("9f8e7d"))
        #expect(key.redact("Authorization: Bearer \(secret)") == "Authorization: Bearer be_…b1a0")
    }

    @Test func shortKeysShowNothing() throws {
        #expect(try APIKey("be_abc").masked == "be_…")
    }

    @Test func keysWithControlsOrSpacesAreRefused() {
        #expect(throws: ArselError.self) { try APIKey("be_abc\r\nX-Evil: 1") }
        #expect(throws: ArselError.self) { try APIKey("   ") }
        #expect(throws: ArselError.self) { try APIKey("be_a b") }
    }

    @Test func keyFileModesAreChecked() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("key").path
        try (secret + "\n").write(toFile: path, atomically: false, encoding: .utf8)

        for mode in [0o644, 0o640, 0o604, 0o660] {
            chmod(path, mode_t(mode))
            let error = #expect(throws: ArselError.self) { try APIKey.read(file: path) }
            #expect(error?.message.contains("chmod 600 \(path)") == true)
            #expect(error?.message.contains(secret) == false)
        }
        chmod(path, 0o600)
        #expect(try APIKey.read(file: path).masked == "be_…b1a0")

        let link = dir.appendingPathComponent("link").path
        symlink(path, link)
        let linkError = #expect(throws: ArselError.self) { try APIKey.read(file: link) }
        #expect(linkError?.message.contains("symbolic link") == true)

        let missing = #expect(throws: ArselError.self) { try APIKey.read(file: dir.appendingPathComponent("nope").path) }
        #expect(missing?.message.contains("does not exist") == true)
    }

    @Test func flagBeatsEnvironment() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("key").path
        _ = FileManager.default.createFile(atPath: path, contents: Data("be_fromfile_00000000zzzz".utf8), attributes: [.posixPermissions: 0o600])

        let (fromFlag, source) = try APIKey.resolve(keyFile: path, environment: ["ARSEL_API_KEY": secret])
        #expect(fromFlag.masked == "be_…zzzz")
        #expect(source == .file(path))
        let (fromEnv, envSource) = try APIKey.resolve(keyFile: nil, environment: ["ARSEL_API_KEY": secret])
        #expect(fromEnv.masked == "be_…b1a0")
        #expect(envSource == .environment("ARSEL_API_KEY"))
        let none = #expect(throws: ArselError.self) { try APIKey.resolve(keyFile: nil, environment: [:]) }
        #expect(none?.kind == "configuration")
    }

    @Test(arguments: ["http://api.arsel.sa/v1", "http://10.0.0.5:8080/v1", "ftp://x/v1", "not a url", "http://127.example.com/v1"])
    func clearTextToTheNetworkIsRefused(url: String) {
        #expect(throws: ArselError.self) { try ClientConfiguration.validate(baseURL: url) }
    }

    @Test(arguments: ["https://api.arsel.sa/v1", "http://127.0.0.1:8080/v1", "http://localhost:9/v1", "http://[::1]:80/v1"])
    func httpsAndLoopbackAreAllowed(url: String) throws {
        #expect(try ClientConfiguration.validate(baseURL: url).absoluteString == url)
    }
}
