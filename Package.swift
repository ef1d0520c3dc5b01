// swift-tools-version: 6.2
import PackageDescription

// Hand-written targets build with warnings as errors; generated code is left alone
// (swift-openapi-generator's output carries "public import ... not used" warnings on 6.3).
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "arsel-campaigns",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "arsel-campaigns", targets: ["arsel-campaigns"]),
        .executable(name: "arsel-campaigns-bench", targets: ["arsel-campaigns-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The contract: one OpenAPI document, generating the types client and sandbox share.
        .target(
            name: "ArselContract",
            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // The product's own types (campaign, status, channel descriptions, outcome, error): what
        // the client speaks and the core reads; no networking, no generated code.
        .target(name: "ArselModel", swiftSettings: strict),
        // The one cancel session, pure: what to confirm and skip (the typed-count rule), the run
        // and its outcomes — used by the console, line mode and `cancel` alike.
        .target(name: "CancelSession", dependencies: ["ArselModel"], swiftSettings: strict),
        // The one shared API client: generated client + hand-written facade with product types.
        .target(
            name: "ArselAPI",
            dependencies: [
                "ArselContract", "ArselModel",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict,
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // The stand-in Arsel API: the same contract's server side on Hummingbird, SQLite via GRDB.
        .target(
            name: "ArselSandbox",
            dependencies: [
                "ArselContract", "ArselModel",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict,
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // GNU FriBidi, the system library: the bidi algorithm and Arabic shaping (pure computation).
        .systemLibrary(name: "CFriBidi", pkgConfig: "fribidi", providers: [.apt(["libfribidi-dev"])]),
        // Pure terminal kit: the one sanitiser, display widths, bidi (no curses, no networking).
        .target(name: "TerminalUI", dependencies: ["CFriBidi"], swiftSettings: strict),
        // The console, pure: state, actions, effects, reducer, keymap, views into a cell buffer.
        .target(name: "CampaignConsole", dependencies: ["TerminalUI", "ArselModel", "CancelSession"], swiftSettings: strict),
        // The languages: one catalog per language (English, Arabic), compiled in, saying the
        // core's typed phrases and notices; and which language to speak (flag, config, locale).
        .target(name: "Catalogs", dependencies: ["CampaignConsole", "CancelSession", "ArselModel"], swiftSettings: strict),
        // Files: config.yaml profiles, themes, keys.yaml (Yams), XDG paths, the audit trail.
        .target(
            name: "ConsoleConfig",
            dependencies: ["CampaignConsole", "Catalogs", "CancelSession", "TerminalUI", "ArselAPI", "ArselModel", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict),
        // The loop: input → actions → reducer → effects run on the shared client → actions.
        .target(
            name: "ConsoleRuntime",
            dependencies: ["CampaignConsole", "CancelSession", "TerminalUI", "ArselModel", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict),
        // The benchmark harness: every figure with its anchor and ratio, from one run.
        .executableTarget(
            name: "arsel-campaigns-bench",
            dependencies: [
                "ArselAPI", "ArselModel", "ArselSandbox", "CampaignConsole", "Catalogs", "ConsoleRuntime", "CursesBackend", "TerminalUI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict),
        // ncursesw, the system library (wide characters switched on in shim.h).
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        // The thin edge: the only code that calls ncurses.
        // The last acts of a dying process (terminal restore, unknown cancels) and no core dumps:
        // signal handlers must be async-signal-safe C.
        .target(name: "CProcessGuard"),
        .target(name: "CursesBackend", dependencies: ["CNcursesw", "CProcessGuard", "TerminalUI"], swiftSettings: strict),
        // The executable: argument parsing and wiring only.
        .executableTarget(
            name: "arsel-campaigns",
            dependencies: [
                "ArselAPI", "ArselModel", "CancelSession", "ArselSandbox", "TerminalUI", "CampaignConsole", "Catalogs", "ConsoleRuntime", "CursesBackend", "ConsoleConfig",
                "CProcessGuard", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict,
            plugins: ["BuildInfo"]
        ),
        // `BuildInfo.commit` for `--version`: a prebuild command (it must run on every build).
        .plugin(name: "BuildInfo", capability: .buildTool()),

        // Test support: a scripted HTTP server on 127.0.0.1 port 0 and process helpers.
        .target(
            name: "TestSupport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                "ArselSandbox",
            ],
            path: "Tests/TestSupport",
            swiftSettings: strict
        ),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "CampaignConsoleTests", dependencies: ["CampaignConsole", "Catalogs", "CancelSession", "TerminalUI", "ArselModel", "TestSupport"],
            resources: [.copy("Golden")], swiftSettings: strict),
        .testTarget(name: "CatalogTests", dependencies: ["Catalogs", "CampaignConsole", "CancelSession", "ArselModel"], swiftSettings: strict),
        .testTarget(name: "ArselAPITests", dependencies: ["ArselAPI", "ArselModel", "Catalogs", "ArselSandbox", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "CLITests", dependencies: ["TestSupport", "ArselSandbox", "TerminalUI"], swiftSettings: strict),
        .testTarget(
            name: "ConsoleConfigTests", dependencies: ["ConsoleConfig", "Catalogs", "CampaignConsole", "CancelSession", "TerminalUI", "TestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "ConsoleRuntimeTests",
            dependencies: ["ConsoleRuntime", "CampaignConsole", "Catalogs", "TerminalUI", "ArselAPI", "ArselModel", "ArselSandbox", "TestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "RobustnessTests",
            dependencies: ["TestSupport", "ArselSandbox", "ArselAPI", "ArselModel", "ConsoleRuntime", "CampaignConsole", "Catalogs", "TerminalUI"],
            swiftSettings: strict),
        .testTarget(
            name: "SandboxTests",
            dependencies: ["ArselSandbox", "ArselAPI", "ArselModel", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
    ]
)
