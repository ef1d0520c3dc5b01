/// What `--version` prints: the release and the commit it was built from (`BuildInfo.commit`,
/// written before each build by the BuildInfo plugin; `unknown` outside a git checkout).
enum Version {
    static let release = "0.12.0"
    static let text = "arsel-campaigns \(release) (commit \(BuildInfo.commit))"
}
