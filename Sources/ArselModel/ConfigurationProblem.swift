/// What is wrong with the setup, with what a person needs to fix it. The catalogs say it; the
/// core only names it (no sentence is built here).
public enum ConfigurationProblem: Sendable, Hashable {
    case emptyKey
    /// Spaces, control or non-ASCII characters inside the key.
    case keyCharacters
    case keyFileIsSymlink(path: String)
    case keyFileMissing(path: String)
    case keyFilePermissionDenied(path: String)
    case keyFileCannotOpen(path: String, errno: Int32)
    case keyFileCannotInspect(path: String)
    case keyFileNotRegular(path: String)
    case keyFileOwner(path: String, owner: UInt32, uid: UInt32)
    /// Group or other permission bits set (`mode` as read, the low nine bits).
    case keyFileMode(path: String, mode: UInt32)
    case keyFileUnreadable(path: String)
    case keyFileTooLarge(path: String)
    /// The file was read, and its content is not a key.
    indirect case keyFileContent(path: String, ConfigurationProblem)
    /// An environment variable's value is not a key.
    indirect case keyVariable(name: String, ConfigurationProblem)
    case noKey
    case baseURLNotAbsolute(String)
    case plainHTTPToRemote(host: String)
    case baseURLScheme(String)
    /// Create's fields hold a value JSON cannot carry (`reason` is the library's text).
    case fieldsNotJSON(reason: String)
    case channelNotInContract(String)
    /// The placeholder outcome of a cancel before its first attempt.
    case notAttempted
    /// Text the executable already composed (profiles, the log file, the audit trail).
    case other(String)
}
