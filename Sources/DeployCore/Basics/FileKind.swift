import Foundation

/// What is at a path: nothing, a file or a folder.
enum FileKind: Equatable {
    case missing, file, folder

    static func of(_ url: URL) -> FileKind {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return .missing }
        return isFolder.boolValue ? .folder : .file
    }

    /// `a folder`, `a FIFO`, ...: what a stat mode says the thing is, for messages.
    static func describe(mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFLNK: return "a link"
        default: return "a file"
        }
    }
}
