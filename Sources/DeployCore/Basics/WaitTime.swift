import Foundation

/// Durations as operators type and read them: `90s`, `15m`, `1h`, or plain seconds.
enum WaitTime {
    /// Seconds, or nil when the text is not a duration from 1 s to 24 h.
    static func seconds(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
        var digits = Substring(text)
        var unit = 1.0
        if let last = text.last, let scale = units[last] {
            digits = text.dropLast()
            unit = scale
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let number = Int(digits), number > 0 else { return nil }
        let seconds = Double(number) * unit
        return seconds <= 24 * 3600 ? seconds : nil
    }

    /// `15m`, `90s`, `1h`: the shortest exact form.
    static func text(_ seconds: Double) -> String {
        guard seconds.isFinite, abs(seconds) < 1e12 else { return "?" }
        if seconds < 1 && seconds > 0 { return "\(Int((seconds * 1000).rounded()))ms" }
        let whole = Int(seconds)
        if whole % 3600 == 0 { return "\(whole / 3600)h" }
        if whole % 60 == 0 { return "\(whole / 60)m" }
        return "\(whole)s"
    }

    /// `12.3s`: tenths, cut rather than rounded.
    static func tenths(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e12 else { return "?s" }
        return String(Int(value * 10) / 10) + "." + String(Int(value * 10) % 10) + "s"
    }

    /// `42s`, `3m05s`: how long something has run, to the second.
    static func elapsed(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < 1e9 else { return "?" }
        return seconds < 60
            ? "\(Int(seconds.rounded()))s" : "\(Int(seconds) / 60)m\(String(format: "%02d", Int(seconds) % 60))s"
    }
}
