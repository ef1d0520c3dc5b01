import Foundation
import PackagePlugin

/// Writes `BuildInfo.swift` (the commit the binary is built from) before every build of the
/// target it is applied to. A prebuild command, because only those run on every build: the
/// commit changes without any input file SwiftPM could watch. It runs the system's `/bin/sh`
/// (a prebuild command may not use an executable built from source) on `commit.sh`, beside
/// this file; outside a git checkout (a tarball) or without git the commit is `unknown`.
@main
struct BuildInfo: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "generated")
        return [
            .prebuildCommand(
                displayName: "Recording the commit arsel-campaigns is built from",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [package.appending(path: "Plugins/BuildInfo/commit.sh").path, package.path, output.path],
                outputFilesDirectory: output)
        ]
    }
}
