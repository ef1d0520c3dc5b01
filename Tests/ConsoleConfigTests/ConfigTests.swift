import CampaignConsole
import Foundation
import Testing
import TerminalUI
@testable import ConsoleConfig

@Suite struct ConfigTests {
    @Test func profilesParse() throws {
        let config = try ConfigFile.parse("""
            default_profile: staging
            theme: light
            profiles:
              production:
                base_url: https://api.arsel.sa/v1
                api_key_file: /etc/keys/prod
                production: true
              staging:
                api_key_env: STAGING_KEY
                readonly: true
                refresh: 30
                rate: 1
            """, path: "config.yaml")
        #expect(config.defaultProfile == "staging")
        #expect(config.theme == "light")
        #expect(config.profiles["production"]?.production == true)
        #expect(config.profiles["production"]?.apiKeyFile == "/etc/keys/prod")
        #expect(config.profiles["staging"]?.readonly == true)
        #expect(config.profiles["staging"]?.refresh == 30)
        #expect(config.profiles["staging"]?.apiKeyEnv == "STAGING_KEY")
    }

    @Test(arguments: [
        ("profiles:\n  p:\n    api_key: be_secret\n", 3, "does not belong in this file"),
        ("profiles:\n  p:\n    api_key_env: A\n    api_key_file: /x\n", 3, "not both"),
        ("profiles:\n  p:\n    readonly: perhaps\n", 3, "true or false"),
        ("default_profile: q\nprofiles:\n  p: {}\n", nil, "not one of the profiles"),
        ("profile:\n  p: {}\n", 1, "unknown key"),
    ] as [(String, Int?, String)])
    func problemsNameTheLine(text: String, line: Int?, problem: String) {
        let error = #expect(throws: ConfigProblem.self) { try ConfigFile.parse(text, path: "c.yaml") }
        #expect(error?.line == line, "\(String(describing: error))")
        #expect(error?.problem.contains(problem) == true, "\(String(describing: error))")
        #expect(error?.description.contains("be_secret") == false, "a key in the file is never echoed back")
    }

    @Test func aMissingFileIsAnEmptyConfiguration() throws {
        let config = try ConfigFile.load("/nonexistent/arsel/config.yaml")
        #expect(config.profiles.isEmpty)
    }

    @Test func xdgPaths() {
        let p = Paths(environment: ["HOME": "/home/u", "XDG_CONFIG_HOME": "/c", "XDG_STATE_HOME": "/s"])
        #expect(p.configFile == "/c/arsel-campaigns/config.yaml")
        #expect(p.keymapFile == "/c/arsel-campaigns/keys.yaml")
        #expect(p.auditFile == "/s/arsel-campaigns/audit.jsonl")
        #expect(p.userThemes == "/c/arsel-campaigns/themes")
        let defaults = Paths(environment: ["HOME": "/home/u"])
        #expect(defaults.configFile == "/home/u/.config/arsel-campaigns/config.yaml")
        #expect(defaults.auditFile == "/home/u/.local/state/arsel-campaigns/audit.jsonl")
    }
}

@Suite struct KeymapFileTests {
    @Test func rebindAndUnbind() throws {
        let keymap = try KeymapFile.parse("cancel: [ctrl-x]\npause: []\nmark: [space, x]\ndismiss: [X]\n", file: "keys.yaml")
        #expect(keymap.command(for: .ctrl("x")) == .cancel)
        #expect(keymap.command(for: .char("c")) == nil, "the old key no longer cancels")
        #expect(keymap.keys(for: .pause).isEmpty)
        #expect(keymap.command(for: .char("x")) == .mark, "x was dismiss's; the file gave dismiss another key")
        #expect(keymap.keys(for: .dismiss) == [.char("X")])
        #expect(keymap.helpRows.contains { $0.keys == "ctrl-x" && $0.command == .cancel })
        #expect(!keymap.helpRows.contains { $0.command == .pause }, "help lists only bound commands")
    }

    @Test func cancelCanNeverBeABareEnter() {
        let error = #expect(throws: ConfigProblem.self) { try KeymapFile.parse("cancel: [enter]\n", file: "keys.yaml") }
        #expect(error?.line == 1)
        #expect(error?.problem.contains("bare enter") == true)
        #expect(throws: ConfigProblem.self) { try KeymapFile.parse("retry-failed: enter\n", file: "keys.yaml") }
    }

    /// Binding a key another command has is an error at its line, not a silent move.
    @Test func aKeyTakenFromAnotherCommandIsAnErrorAtItsLine() {
        let error = #expect(throws: ConfigProblem.self) { try KeymapFile.parse("up: [k]\nmark: [space, x]\n", file: "keys.yaml") }
        #expect(error?.line == 2)
        #expect(error?.problem.contains("x is already the key of dismiss") == true, "\(String(describing: error))")
        #expect(throws: ConfigProblem.self) { try KeymapFile.parse("help: [r]\n", file: "keys.yaml") }
    }

    /// `cancel: [y]` would let `y y` open and confirm a cancel; ctrl-m arrives as Enter.
    @Test func bindingsThatConfirmThemselvesOrCannotFireAreRefused() {
        let y = #expect(throws: ConfigProblem.self) { try KeymapFile.parse("cancel: [y]\n", file: "keys.yaml") }
        #expect(y?.problem.contains("y y would open and confirm") == true)
        #expect(throws: ConfigProblem.self) { try KeymapFile.parse("retry-failed: y\n", file: "keys.yaml") }
        for (name, arrives) in [("ctrl-m", "enter"), ("ctrl-j", "enter"), ("ctrl-i", "tab"), ("ctrl-h", "backspace")] {
            let error = #expect(throws: ConfigProblem.self) { try KeymapFile.parse("refresh: [\(name)]\n", file: "keys.yaml") }
            #expect(error?.problem.contains("reaches the console as \(arrives)") == true, "\(name)")
        }
        #expect((try? KeymapFile.parse("refresh: [ctrl-r]\n", file: "keys.yaml"))?.command(for: .ctrl("r")) == .refresh)
    }

    /// Dialog, overlay and prompt keys are data too, under their own section, with the same rules.
    @Test func eachContextHasItsOwnKeymapWithItsOwnChecks() throws {
        let keymap = try KeymapFile.parse("dialog:\n  confirm: [Y]\noverlay:\n  close: [esc, x]\ninput:\n  apply: [tab]\n", file: "keys.yaml")
        #expect(keymap.dialog.command(for: .char("Y")) == .confirm)
        #expect(keymap.dialog.command(for: .char("y")) == nil, "y no longer confirms")
        #expect(keymap.overlay.command(for: .char("x")) == .close)
        #expect(keymap.overlay.command(for: .char("q")) == nil)
        #expect(keymap.input.command(for: .tab) == .apply)
        #expect(keymap.list == Keymap.defaults.list, "the list is untouched")
        // A clash inside a section, at its line.
        let clash = #expect(throws: ConfigProblem.self) { try KeymapFile.parse("dialog:\n  keep: [esc]\n  confirm: [esc]\n", file: "keys.yaml") }
        #expect(clash?.line == 3)
        #expect(clash?.problem.contains("dialog: confirm: esc is already the key of keep") == true, "\(String(describing: clash))")
        // Digits are the typed count in a dialog.
        let digit = #expect(throws: ConfigProblem.self) { try KeymapFile.parse("dialog:\n  confirm: [1]\n", file: "keys.yaml") }
        #expect(digit?.problem.contains("typed as the count") == true)
        // The dialog's confirm key may not be the list's cancel key, from either side.
        let twice = #expect(throws: ConfigProblem.self) { try KeymapFile.parse("dialog:\n  confirm: [c]\n", file: "keys.yaml") }
        #expect(twice?.problem.contains("c c would open and confirm") == true)
        #expect(twice?.line == 2)
        let unknown = #expect(throws: ConfigProblem.self) { try KeymapFile.parse("overlay:\n  scroll: [j]\n", file: "keys.yaml") }
        #expect(unknown?.problem.contains("overlay: unknown command \"scroll\"") == true)
        #expect(throws: ConfigProblem.self) { try KeymapFile.parse("input:\n  apply: [ctrl-m]\n", file: "keys.yaml") }
    }

    @Test func unknownCommandsAndKeysAreReported() {
        let command = #expect(throws: ConfigProblem.self) { try KeymapFile.parse("up: [k]\nzap: [z]\n", file: "keys.yaml") }
        #expect(command?.line == 2)
        let key = #expect(throws: ConfigProblem.self) { try KeymapFile.parse("up: [hyper-k]\n", file: "keys.yaml") }
        #expect(key?.problem.contains("unknown key") == true)
    }

    @Test(arguments: [("ctrl-d", Key.ctrl("d")), ("pgdn", .pageDown), ("F5", .function(5)), ("space", .char(" ")), ("G", .char("G"))])
    func keyNames(name: String, key: Key) {
        #expect(KeymapFile.parseKey(name) == key)
    }
}

@Suite struct AuditLogTests {
    @Test func appendsOneLinePerRecordAndReadsThemBack() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString)/audit.jsonl").path
        let log = AuditLog(path: path)
        for i in 0..<3 {
            try log.append(AuditRecord(
                profile: "p", apiHost: "h", source: "test", campaignID: "c\(i)", campaignName: "Name \u{1B}[2J", channel: "email",
                statusBefore: "Scheduled", idempotencyKey: "k\(i)", outcome: "cancelled", httpStatus: 200, errorName: nil,
                errorMessage: nil, requestID: nil, attempts: 1))
        }
        let (records, problems) = try log.read()
        #expect(records.map(\.campaignID) == ["c0", "c1", "c2"])
        #expect(problems.isEmpty)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 3)
        #expect(!text.unicodeScalars.contains("\u{1B}"), "JSON escapes the ESC: the file is safe to cat")
        var info = stat()
        stat(path, &info)
        #expect(info.st_mode & 0o077 == 0, "only its owner can read the audit trail")
    }
}
