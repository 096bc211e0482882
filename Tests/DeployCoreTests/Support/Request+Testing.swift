@testable import DeployCore

extension Request {
    /// What these arguments ask, as the parser reads them.
    static func invocation(_ arguments: [String], environment: [String: String] = [:]) throws(DeployError)
        -> Invocation
    {
        try parse(arguments, environment: environment).invocation
    }

    /// The options of `deploy` itself; the test fails when the arguments ask for another command.
    static func deployOptions(_ arguments: [String], environment: [String: String] = [:]) throws -> DeployOptions {
        guard case .deploy(let options) = try invocation(arguments, environment: environment) else {
            throw DeployError.usage("not a deploy: \(arguments)")
        }
        return options
    }

    static func rollbackOptions(_ arguments: [String], environment: [String: String] = [:]) throws
        -> RollbackOptions
    {
        guard case .rollback(let options) = try invocation(arguments, environment: environment) else {
            throw DeployError.usage("not a rollback: \(arguments)")
        }
        return options
    }
}
