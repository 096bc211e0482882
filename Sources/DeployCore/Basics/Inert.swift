/// What another writer put in the team's bucket or what AWS said (a lock holder, a history record, ECS's events,
/// stopped reasons, log lines), made safe to print: shown, never obeyed. Control characters (C0, DEL, C1, and the
/// bidirectional overrides that reorder a line) become visible, as `^[` or `<U+009B>`; a field stays on one line;
/// each is cut to a length a terminal can show, saying so. JSON output keeps the data as it is (the encoder
/// escapes it). Pure.
enum Inert {
    /// One field on one line, at most `limit` characters before the note that it was cut.
    static func field(_ text: String, limit: Int = 200) -> String {
        cut(visible(text), limit: limit)
    }

    /// Several lines of something read (a log's lines): each inert, and at most `lines` of them.
    static func lines(_ texts: [String], limit: Int = 400) -> [String] {
        texts.map { field($0, limit: limit) }
    }

    /// Every control character made visible: C0 and DEL in caret notation (ESC is `^[`, a newline `^J`), C1 and
    /// the bidirectional controls as their code point. Tabs become a space.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var shown = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: shown += " "
            case 0..<0x20: shown += "^" + String(UnicodeScalar(UInt8(scalar.value + 0x40)))
            case 0x7F: shown += "^?"
            case _ where isControl(scalar): shown += "<U+" + hex(scalar.value) + ">"
            default: shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    private static func cut(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + " […] (\(text.count - limit) more characters)"
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F, 0x80...0x9F: true
        // Bidirectional embeddings, overrides and isolates: they reorder what follows on the line.
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
