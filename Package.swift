// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "deploy",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "deploy", targets: ["DeployCLI"]),
    ],
    targets: [
        .executableTarget(name: "DeployCLI", dependencies: ["DeployCore"]),
        .target(name: "DeployCore"),
        .testTarget(name: "DeployCoreTests", dependencies: ["DeployCore"]),
    ]
)
