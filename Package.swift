// swift-tools-version:6.2
import PackageDescription

// CI builds with DEPLOY_STRICT=1: a warning fails the build there.
let strict = Context.environment["DEPLOY_STRICT"] != nil
let settings: [SwiftSetting] = strict ? [.treatAllWarnings(as: .error)] : []

let package = Package(
    name: "deploy",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "deploy", targets: ["DeployCLI"])
    ],
    targets: [
        .executableTarget(name: "DeployCLI", dependencies: ["DeployCore"], swiftSettings: settings),
        .target(name: "DeployCore", swiftSettings: settings),
        .testTarget(
            name: "DeployCoreTests", dependencies: ["DeployCore"], exclude: ["Fixtures"], swiftSettings: settings),
    ]
)
