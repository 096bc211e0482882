/// A service's task before its roll, resolved for one release (deploy.json `tasks`): the command, run once as an
/// ECS task in the service's cluster, with the service's own task definition (roles, secrets, logs) and network
/// configuration but the release's new image, under a family of deploy's own (`<family>-deploy-task`). Only for
/// services this release rolls: never with --skip-tf, never in a rollback (a task before a roll is forward-only).
struct BeforeTask: Equatable, Sendable {
    var service: String
    var cluster: String
    /// The ECS service's name, whose task definition and network configuration the task borrows.
    var ecsName: String
    /// The new image, and the repository it belongs to (which container of the task definition runs it).
    var image: String
    var repositoryURL: String
    var command: [String]
    /// Seconds before it is stopped and the deploy fails.
    var timeout: Double

    /// `clinical-api: runs `node dist/migrate.js` on c0ffee1 before the roll (at most 10m)`.
    var summary: String {
        let tag = image.split(separator: ":").last.map(String.init) ?? image
        let typed = command.map(ShellQuote.quote).joined(separator: " ")
        return "\(service): runs `\(typed)` on \(tag) before the roll (at most \(WaitTime.text(timeout)))"
    }

    /// The tasks of the release's rolled services.
    static func resolve(_ deployment: Deployment, images: [Release.Image], applies: Bool) throws(DeployError)
        -> [BeforeTask]
    {
        let configured = deployment.workspace.config.tasks
        if let unknown = configured.keys.sorted().first(where: { !deployment.workspace.services.contains($0) }) {
            throw .configuration(
                "\(PlatformConfig.fileName): tasks names '\(unknown)', which is not one of the services: "
                    + deployment.workspace.services.joined(separator: ", "))
        }
        guard applies, deployment.options.mode != .rollback else { return [] }
        var tasks: [BeforeTask] = []
        for image in images {
            guard let task = configured[image.service] else { continue }
            guard let cluster = deployment.facts.clusterName else {
                throw .configuration(
                    "terraform output 'ecs_cluster_name' is missing: \(image.service)'s task before the roll runs in "
                        + "that cluster; add the output")
            }
            tasks.append(
                BeforeTask(
                    service: image.service, cluster: cluster, ecsName: deployment.facts.ecsName(for: image.service),
                    image: image.reference, repositoryURL: image.repositoryURL, command: task.command,
                    timeout: task.timeout))
        }
        return tasks
    }
}
