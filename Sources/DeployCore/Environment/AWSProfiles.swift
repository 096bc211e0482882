import Foundation

/// The AWS profiles an operator has, read from the same files the aws CLI reads
/// (`AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` and `~/.aws/credentials`).
enum AWSProfiles {
    static func names(environment: [String: String]) -> [String] {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let config = environment["AWS_CONFIG_FILE"] ?? "\(home)/.aws/config"
        let credentials = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "\(home)/.aws/credentials"
        let found = sections(read(config), configStyle: true) + sections(read(credentials), configStyle: false)
        return Array(Set(found)).sorted()
    }

    /// Section names of an ini file: `[profile x]` and `[default]` in config, `[x]` in credentials.
    static func sections(_ text: String, configStyle: Bool) -> [String] {
        text.split(whereSeparator: \.isNewline).compactMap { raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("["), line.hasSuffix("]") else { return nil }
            let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
            if !configStyle || name == "default" { return name }
            guard name.hasPrefix("profile ") else { return nil }
            return name.dropFirst("profile ".count).trimmingCharacters(in: .whitespaces)
        }
    }

    private static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}
