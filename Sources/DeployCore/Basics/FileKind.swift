import Foundation

/// What is at a path: nothing, a file or a folder.
enum FileKind: Equatable {
    case missing, file, folder

    static func of(_ url: URL) -> FileKind {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return .missing }
        return isFolder.boolValue ? .folder : .file
    }
}
