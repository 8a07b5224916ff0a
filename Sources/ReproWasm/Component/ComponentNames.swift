// The lexical rules for import and export names (Explainer.md, "Import and Export Definitions"):
// labels in kebab case, plain names with `[constructor]`/`[method]`/`[static]` annotations, and
// interface names `namespace:package/interface@version`; and the strong-uniqueness rule.

/// The parts of a valid import or export name.
enum ExternName: Sendable, Hashable {
    /// A label, e.g. `get-config`.
    case label(String)
    /// `[constructor]R`.
    case constructor(resource: String)
    /// `[method]R.name`.
    case method(resource: String, name: String)
    /// `[static]R.name`.
    case `static`(resource: String, name: String)
    /// A dependency name as wasm-tools accepts them: `url=<...>`, `integrity=<...>`, `locked-dep=<...>`,
    /// `unlocked-dep=<...>`.
    case dependency(String)
    /// `namespace:package/interface@version`.
    case interface(namespace: String, package: String, interface: String, version: String?)

    /// Parses a name, or returns nil when it follows neither grammar.
    init?(_ text: String) {
        if text.hasPrefix("[constructor]") {
            let rest = String(text.dropFirst("[constructor]".count))
            guard isLabel(rest) else { return nil }
            self = .constructor(resource: rest)
            return
        }
        for (prefix, isMethod) in [("[method]", true), ("[static]", false)] where text.hasPrefix(prefix) {
            let rest = text.dropFirst(prefix.count)
            let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, isLabel(parts[0]), isLabel(parts[1]) else { return nil }
            self =
                isMethod
                ? .method(resource: String(parts[0]), name: String(parts[1]))
                : .static(resource: String(parts[0]), name: String(parts[1]))
            return
        }
        if isLabel(text) {
            self = .label(text)
            return
        }
        if isDependencyName(text) {
            self = .dependency(text)
            return
        }
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let namespace = text[..<colon]
        var rest = text[text.index(after: colon)...]
        var version: String?
        if let at = rest.firstIndex(of: "@") {
            let text = String(rest[rest.index(after: at)...])
            guard isSemanticVersion(text) else { return nil }
            version = text
            rest = rest[..<at]
        }
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let package = rest[..<slash]
        let interface = rest[rest.index(after: slash)...]
        guard isWords(namespace), isWords(package), isLabel(interface) else { return nil }
        self = .interface(
            namespace: String(namespace), package: String(package), interface: String(interface), version: version)
    }

    /// The resource an annotated name belongs to.
    var resource: String? {
        switch self {
        case .constructor(let resource), .method(let resource, _), .static(let resource, _): resource
        case .label, .interface, .dependency: nil
        }
    }
}

/// The name as strong uniqueness compares it: acronyms lowercased, `[method]`/`[static]` stripped
/// (`[method]r.r` and `[static]r.r` become `r`), `[constructor]` kept.
func stronglyUniqueKey(_ name: String) -> String {
    if case .dependency? = ExternName(name) { return name }
    let lower = String(
        name.unicodeScalars.map {
            $0.properties.isUppercase ? Character($0.properties.lowercaseMapping) : Character($0)
        })
    for prefix in ["[method]", "[static]"] where lower.hasPrefix(prefix) {
        let rest = lower.dropFirst(prefix.count)
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 2 && parts[0] == parts[1] { return String(parts[0]) }
        return String(rest)
    }
    return lower
}

/// `label ::= first-fragment ('-' fragment)*`: words all lowercase or all uppercase (acronyms), the first
/// starting with a letter.
func isLabel<S: StringProtocol>(_ text: S) -> Bool {
    let fragments = text.split(separator: "-", omittingEmptySubsequences: false)
    guard let first = fragments.first, let initial = first.unicodeScalars.first,
        ("a"..."z").contains(initial) || ("A"..."Z").contains(initial)
    else { return false }
    for fragment in fragments {
        guard !fragment.isEmpty else { return false }
        let isLower = fragment.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        let isUpper = fragment.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
        guard isLower || isUpper else { return false }
    }
    return true
}

/// `words ::= first-word ('-' word)*`: lowercase only.
func isWords<S: StringProtocol>(_ text: S) -> Bool {
    guard isLabel(text) else { return false }
    return text.unicodeScalars.allSatisfy { !("A"..."Z").contains($0) }
}

/// A valid semver 2.0 version: `MAJOR.MINOR.PATCH`, optional `-prerelease` and `+build`.
func isSemanticVersion(_ text: String) -> Bool {
    var core = Substring(text)
    if let plus = core.firstIndex(of: "+") {
        let build = core[core.index(after: plus)...]
        guard identifiersValid(build, numericRule: false) else { return false }
        core = core[..<plus]
    }
    if let dash = core.firstIndex(of: "-") {
        let prerelease = core[core.index(after: dash)...]
        guard identifiersValid(prerelease, numericRule: true) else { return false }
        core = core[..<dash]
    }
    let numbers = core.split(separator: ".", omittingEmptySubsequences: false)
    guard numbers.count == 3 else { return false }
    return numbers.allSatisfy(isNumber)
}

private func isNumber(_ text: Substring) -> Bool {
    guard !text.isEmpty, text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else { return false }
    return text == "0" || !text.hasPrefix("0")
}

private func identifiersValid(_ text: Substring, numericRule: Bool) -> Bool {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    for part in parts {
        guard !part.isEmpty,
            part.unicodeScalars.allSatisfy({
                ("0"..."9").contains($0) || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "-"
            })
        else { return false }
        if numericRule && part.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) && !isNumber(part) {
            return false
        }
    }
    return true
}

/// `url=<U>`, `integrity=<H>`, `locked-dep=<P[@V]>` and `url=`/`locked-dep=` followed by
/// `,integrity=<H>`, and `unlocked-dep=<P[@R]>` with a version range `*`, `{>=V}`, `{<V}` or `{>=V <V}`.
func isDependencyName(_ text: String) -> Bool {
    func bracketed(_ text: Substring, after prefix: String) -> (inner: Substring, rest: Substring)? {
        guard text.hasPrefix(prefix + "=<") else { return nil }
        let body = text.dropFirst(prefix.count + 2)
        guard let close = body.firstIndex(of: ">") else { return nil }
        return (body[..<close], body[body.index(after: close)...])
    }
    func isPackage(_ text: Substring) -> (Substring, Substring?)? {
        let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        let name = parts[0].split(separator: ":", omittingEmptySubsequences: false)
        guard name.count == 2, isWords(name[0]), isWords(name[1]) else { return nil }
        return (parts[0], parts.count == 2 ? parts[1] : nil)
    }
    func isIntegrity(_ text: Substring) -> Bool {
        let hashes = text.split(separator: " ")
        guard !hashes.isEmpty else { return false }
        for hash in hashes {
            let hash = hash.split(separator: "?", maxSplits: 1)[0]
            guard let dash = hash.firstIndex(of: "-"), ["sha256", "sha384", "sha512"].contains(hash[..<dash]) else {
                return false
            }
            let value = hash[hash.index(after: dash)...]
            let digits = value.drop { $0 != "=" }.allSatisfy { $0 == "=" } ? value.prefix { $0 != "=" } : ""
            guard !digits.isEmpty, value.count - digits.count <= 2,
                digits.unicodeScalars.allSatisfy({
                    ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "+"
                        || $0 == "/"
                })
            else { return false }
        }
        return true
    }
    func optionalIntegrity(_ rest: Substring) -> Bool {
        if rest.isEmpty { return true }
        guard rest.hasPrefix(","), let (inner, tail) = bracketed(rest.dropFirst(), after: "integrity") else {
            return false
        }
        return tail.isEmpty && isIntegrity(inner)
    }
    let text = Substring(text)
    if let (inner, rest) = bracketed(text, after: "url") {
        return !inner.contains("<") && optionalIntegrity(rest)
    }
    if let (inner, rest) = bracketed(text, after: "integrity") { return rest.isEmpty && isIntegrity(inner) }
    if let (inner, rest) = bracketed(text, after: "locked-dep") {
        guard let (_, version) = isPackage(inner) else { return false }
        if let version, !isSemanticVersion(String(version)) { return false }
        return optionalIntegrity(rest)
    }
    if text.hasPrefix("unlocked-dep=<") && text.hasSuffix(">") {
        let inner = text.dropFirst("unlocked-dep=<".count).dropLast()
        guard let (_, range) = isPackage(inner) else { return false }
        guard let range else { return true }
        if range == "*" { return true }
        guard range.hasPrefix("{"), range.hasSuffix("}") else { return false }
        let bounds = range.dropFirst().dropLast().split(separator: " ", omittingEmptySubsequences: false)
        switch bounds.count {
        case 1:
            if bounds[0].hasPrefix(">=") { return isSemanticVersion(String(bounds[0].dropFirst(2))) }
            if bounds[0].hasPrefix("<") { return isSemanticVersion(String(bounds[0].dropFirst(1))) }
            return false
        case 2:
            return bounds[0].hasPrefix(">=") && bounds[1].hasPrefix("<")
                && isSemanticVersion(String(bounds[0].dropFirst(2)))
                && isSemanticVersion(String(bounds[1].dropFirst(1)))
        default: return false
        }
    }
    return false
}
