import Foundation

/// The platform contract: where services, SPAs, the Dockerfile and terraform live. These are the defaults;
/// an optional `deploy.json` at the repository root overrides any of them.
struct PlatformConfig: Equatable, Sendable {
    struct SPA: Equatable, Sendable, Codable {
        var name: String
        /// The app's folder, relative to the repository root.
        var dir: String
        /// What `pnpm build` writes, relative to the repository root.
        var dist: String
    }

    /// An explicit service list; nil means every `services/<name>/` holding a `package.json`.
    var services: [String]?
    var independent = ["slack-agent"]
    var sharedPaths = [
        "packages/common", "packages/auth-client", "packages/events", "packages/tsconfig", "packages/eslint-config",
    ]
    var buildInputs = [
        "pnpm-lock.yaml", "pnpm-workspace.yaml", "package.json", "infra/docker/service.Dockerfile",
        "infra/docker/.npmrc",
    ]
    var dockerfile = "infra/docker/service.Dockerfile"
    var terraformDir = "infra/terraform/aws"
    var spas = [
        SPA(name: "admin-ui", dir: "apps/admin-ui", dist: "apps/admin-ui/dist"),
        SPA(name: "simulator", dir: "apps/simulator", dist: "apps/simulator/dist"),
    ]
    /// With `--builder`: the registry repository for the shared layer cache (`--cache-from/--cache-to`).
    var buildCache: String?
    /// Terraform addresses that make up one service, with `{service}` for its name.
    var targets = [
        "module.service[\"{service}\"].aws_ecs_task_definition.this",
        "module.service[\"{service}\"].aws_ecs_service.this",
    ]

    /// Service → the path prefix of its API, where `/health` (and `/docs`) answer; default `/v1/<service>`.
    var healthPaths: [String: String] = [:]

    /// What runs once, as an ECS task on a service's new image, before that service rolls (a migration).
    struct TaskDeclaration: Equatable, Sendable {
        /// The container's command, as an argv.
        var command: [String]
        /// Seconds it may run before it is stopped and the deploy fails.
        var timeout: Double = 600
    }

    /// Service → its task before the roll (`"tasks": {"clinical-api": {"before": [...], "timeout": "10m"}}`).
    var tasks: [String: TaskDeclaration] = [:]

    init() {}

    /// The path prefix under `api_base_url` of one service's API, such as `/v1/auth`.
    func apiPrefix(for service: String) -> String {
        healthPaths[service] ?? "/v1/\(service)"
    }

    /// The `-target` addresses for one service.
    func targets(for service: String) -> [String] {
        targets.map { $0.replacingOccurrences(of: "{service}", with: service) }
    }
}
