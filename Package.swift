// swift-tools-version: 6.2
// The tern package: small cooperating executables over one core library (see docs/ARCHITECTURE.md).

import PackageDescription

/// Our own targets treat every warning as an error; dependencies are left alone.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

/// The fuzz targets (docs/FUZZING.md): one executable `fuzz-<name>` each, in Tests/Fuzz/fuzz-<name>.
let fuzzTargets = ["heartbeat", "frames", "tribes", "snapshot", "json", "sealing"]

let package = Package(
    name: "tern",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tern-snap", targets: ["tern-snap"]),
        .executable(name: "tern-ping", targets: ["tern-ping"]),
        .executable(name: "tern-recv", targets: ["tern-recv"]),
        .executable(name: "tern-xfer", targets: ["tern-xfer"]),
        .executable(name: "tern-node", targets: ["tern-node"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "CCRC32C",
            cSettings: [.enableWarning("all"), .enableWarning("extra"), .treatAllWarnings(as: .error)]
        ),
        .target(name: "TernCore", swiftSettings: strict),
        .target(
            name: "TernWire",
            // No swift-crypto: the HMAC of key ids and heartbeats is its own (Security/SHA256Hasher.swift),
            // so that tern-ping links no BoringSSL (docs/PERFORMANCE.md, "Cluster keys").
            dependencies: ["TernCore", "CCRC32C", .product(name: "NIOCore", package: "swift-nio")],
            exclude: ["Sealing"],
            swiftSettings: strict
        ),
        // Keyed replication connections' codecs (Sources/TernWire/Sealing): the handshake and AES-GCM
        // records, a module of their own because they need swift-crypto and tern-ping must not link it.
        .target(
            name: "TernWireSealing",
            dependencies: [
                "TernCore", "TernWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/TernWire/Sealing",
            swiftSettings: strict
        ),
        // Plain files (atomic output, input, temporary files, I/O errors): in Sources/TernSnapshot/Files,
        // a module of their own so that a tool without snapshots links no zlib.
        .target(name: "TernFiles", path: "Sources/TernSnapshot/Files", swiftSettings: strict),
        .target(
            name: "TernSnapshot",
            dependencies: [
                "TernCore", "TernWire", "TernFiles", "CZlib",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Files"],
            swiftSettings: strict
        ),
        // The membership shells (Sources/TernNet/Membership): all the network code tern-ping runs.
        .target(
            name: "TernNetMembership",
            dependencies: [
                "TernCore", "TernWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Sources/TernNet/Membership",
            swiftSettings: strict
        ),
        // The rest of Sources/TernNet: replication shells (Replication/) and the node's runtime (Node/).
        .target(
            name: "TernNet",
            dependencies: [
                "TernCore", "TernWire", "TernFiles", "TernSnapshot", "TernNetMembership", "TernWireSealing",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Membership"],
            swiftSettings: strict
        ),
        .target(
            name: "TernHTTP",
            dependencies: [
                "TernCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // HMAC-SHA-256 of bearer tokens; tern-node, the only tool linking TernHTTP, links it anyway.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // What every tool shares (Sources/TernCommands/Support): running a command as a tool, ToolError
        // and the exit statuses, standard streams, logging, the membership options, the JSON value.
        .target(
            name: "TernCommandSupport",
            dependencies: [
                "TernCore", "TernWire", "TernFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/TernCommands/Support",
            swiftSettings: strict
        ),
        // tern-ping's command (Sources/TernCommands/Ping): membership only, so tern-ping links no snapshot code.
        .target(
            name: "TernPingCommand",
            dependencies: [
                "TernCore", "TernWire", "TernNetMembership", "TernCommandSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/TernCommands/Ping",
            swiftSettings: strict
        ),
        // The rest of Sources/TernCommands but Node/: the snapshot and replication tools (Snap/, Recv/,
        // Xfer/), their options and the JSON form of records.
        .target(
            name: "TernCommands",
            dependencies: [
                "TernCore", "TernWire", "TernFiles", "TernSnapshot", "TernNetMembership", "TernNet",
                "TernCommandSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Support", "Ping", "Node"],
            swiftSettings: strict
        ),
        // tern-node's command (Sources/TernCommands/Node): the only tool that links TernHTTP (Hummingbird).
        .target(
            name: "TernNodeCommand",
            dependencies: [
                "TernCore", "TernWire", "TernFiles", "TernSnapshot", "TernNetMembership", "TernNet", "TernHTTP",
                "TernCommandSupport", "TernCommands",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/TernCommands/Node",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "tern-snap", dependencies: ["TernCommands", "TernCommandSupport"], swiftSettings: strict),
        .executableTarget(
            name: "tern-ping", dependencies: ["TernPingCommand", "TernCommandSupport"], swiftSettings: strict),
        .executableTarget(
            name: "tern-recv", dependencies: ["TernCommands", "TernCommandSupport"], swiftSettings: strict),
        .executableTarget(
            name: "tern-xfer", dependencies: ["TernCommands", "TernCommandSupport"], swiftSettings: strict),
        .executableTarget(
            name: "tern-node", dependencies: ["TernNodeCommand", "TernCommandSupport"], swiftSettings: strict),
        .target(
            name: "TernTestKit",
            dependencies: ["TernCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict),
        .testTarget(
            name: "TernCoreTests",
            dependencies: [
                "TernCore", "TernTestKit", .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TernWireTests",
            dependencies: [
                "TernWire", "TernWireSealing", "TernTestKit", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ],
            resources: [.copy("Tribes/Vectors")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TernSnapshotTests",
            dependencies: ["TernSnapshot", "TernFiles", "TernWire", "TernTestKit"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TernNetTests",
            dependencies: [
                "TernNet", "TernWire", "TernCore", "TernFiles", "TernSnapshot", "TernTestKit",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TernHTTPTests",
            dependencies: [
                "TernHTTP", "TernCore", "TernTestKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TernCommandsTests",
            dependencies: ["TernCommands", "TernCommandSupport", "TernFiles", "TernTestKit"],
            swiftSettings: strict
        ),
        // The checks the fuzz targets run and their seeds (Tests/Fuzz/Checks); the executables are
        // added below. `make fuzz` builds them with libFuzzer; the normal build replays files.
        .target(
            name: "TernFuzzChecks",
            dependencies: [
                "TernCore", "TernWire", "TernWireSealing", "TernFiles", "TernSnapshot", "TernCommandSupport",
                "TernCommands", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/Fuzz/Checks",
            swiftSettings: strict
        ),
        // The committed corpus through the same checks, in `make test`.
        .testTarget(
            name: "FuzzCorpusTests",
            dependencies: ["TernFuzzChecks"],
            path: "Tests/Fuzz/CorpusTests",
            swiftSettings: strict
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["TernTestKit", "TernSnapshot"],
            resources: [.copy("Golden")],
            swiftSettings: strict
        ),
    ]
        + fuzzTargets.map { name in
            .executableTarget(
                name: "fuzz-\(name)", dependencies: ["TernFuzzChecks"], path: "Tests/Fuzz/fuzz-\(name)",
                swiftSettings: strict)
        }
)
