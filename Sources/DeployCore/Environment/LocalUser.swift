import Foundation

/// Who runs deploy on this machine, as the lock and the history name them.
enum LocalUser {
    /// `USER`, else `LOGNAME`, else the password database's name for this uid.
    static func name(environment: [String: String]) -> String {
        if let user = environment["USER"] ?? environment["LOGNAME"], !user.isEmpty { return user }
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "uid \(getuid())" }
        return String(cString: name)
    }
}
