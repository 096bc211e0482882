import Foundation

/// JSON as deploy writes it everywhere: keys sorted, slashes unescaped; a document pretty-printed for
/// people and scripts, a line compact for files read line by line and for argv.
enum JSONText {
    static func document<T: Encodable>(_ value: T, fallback: String = "") -> String {
        encode(value, [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes], fallback: fallback)
    }

    static func line<T: Encodable>(_ value: T, fallback: String = "{}") -> String {
        encode(value, [.sortedKeys, .withoutEscapingSlashes], fallback: fallback)
    }

    /// A value read with JSONSerialization (an AWS answer's object passed on to another call), compact.
    static func line(object: Any) -> String? {
        guard JSONSerialization.isValidJSONObject(object),
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    private static func encode<T: Encodable>(_ value: T, _ formatting: JSONEncoder.OutputFormatting, fallback: String)
        -> String
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        guard let data = try? encoder.encode(value) else { return fallback }
        return String(decoding: data, as: UTF8.self)
    }
}
