import AccordJSON
import AccordSnapshot

/// The review stage: runs the review rules (catalogue section "Review of LLM-facing text") over
/// the LLM-facing text of one snapshot, or over the text a diff changed.
///
/// ```swift
/// let findings = TextReview().review(snapshot)                 // accord review
/// let changed = TextReview().reviewChanges(old: old, new: new)  // every diff
/// ```
///
/// Every finding has severity `review` (the two informational rules: non-breaking) and semver
/// `none`, carries the tag `llm-facing`, sits at the text's pointer, and quotes what it found
/// with hidden characters made visible. One finding per rule and text lists all its matches.
public struct TextReview {
    private let rules = TextReviewRules()

    public init() {}

    /// Every review rule over every LLM-facing text of `snapshot`, including the informational
    /// ones (URLs present, plain references to other tools).
    public func review(_ snapshot: Snapshot) -> [Finding] {
        let toolNames = ToolNameIndex(snapshot.tools.compactMap { $0["name"]?.stringValue })
        return LLMFacingTextCollector.collect(snapshot).flatMap { text in
            findings(for: text, before: nil, toolNames: toolNames, informational: true)
        }
    }

    /// The review rules over the text that changed from `old` to `new` (added or edited; removed
    /// text cannot mislead a model): only matches the old text lacked, every URL the new text
    /// added, and — when `serverInfo.version` stayed the same — each edited text of an object
    /// that already existed (a rug pull).
    public func reviewChanges(old: Snapshot, new: Snapshot) -> [Finding] {
        reviewChanges(SnapshotChanges(old: old, new: new))
    }

    /// The same over paired definitions: only the new or changed ones are read.
    public func reviewChanges(_ changes: SnapshotChanges) -> [Finding] {
        var review = ChangedText(self, changes)
        for kind in DefinitionKind.allCases {
            for pair in changes[kind].changed { review.add(review.judge.findings(kind, old: pair.old.value, new: pair.new.value, by: self), kind, pair.name) }
        }
        return review.findings
    }

    /// The review of one diff's changed text: the server's own texts and added definitions at
    /// once, each changed definition by ``Judge/findings(_:old:new:by:)`` when the diff reads it
    /// (once, for both the comparison and the review) and ``add(_:_:_:)``; ``findings`` lists
    /// them all in the new side's order.
    struct ChangedText {
        let changes: SnapshotChanges
        let judge: Judge
        private var server: [Finding] = []
        private var byDefinition: [DefinitionKind: [String: [Finding]]] = [:]

        init(_ review: TextReview, _ changes: SnapshotChanges) {
            self.changes = changes
            judge = Judge(
                unchangedVersion: changes.old.serverVersion.flatMap { $0 == changes.new.serverVersion ? $0 : nil },
                toolNames: ToolNameIndex(changes[.tool].new.compactMap(\.identity)))
            server = judge.compare(LLMFacingTextCollector.collect(changes.new), LLMFacingTextCollector.collect(changes.old),
                                   existed: (changes.old.serverName ?? "server") == (changes.new.serverName ?? "server"), by: review)
            for kind in DefinitionKind.allCases {
                for slot in changes[kind].added {
                    guard let name = slot.identity else { continue }
                    add(judge.compare(LLMFacingTextCollector.collect(slot.value, kind: kind), [], existed: false, by: review), kind, name)
                }
            }
        }

        /// Files the findings of the definition `name`.
        mutating func add(_ found: [Finding], _ kind: DefinitionKind, _ name: String) {
            guard !found.isEmpty else { return }
            byDefinition[kind, default: [:]][name, default: []] += found
        }

        /// The server's findings, then each definition's in the new side's order.
        var findings: [Finding] {
            var all = server
            for kind in LLMFacingTextCollector.definitionOrder {
                guard let found = byDefinition[kind] else { continue }
                var listed: Set<String> = []
                for slot in changes[kind].new {
                    guard let name = slot.identity, listed.insert(name).inserted else { continue }
                    all += found[name] ?? []
                }
            }
            return all
        }
    }

    /// What judging one object's changed text needs of the whole diff. Sendable, so changed
    /// definitions can be judged side by side, each worker with a ``TextReview`` of its own
    /// (its compiled patterns are not shared across threads).
    struct Judge: Sendable {
        /// The version both sides declare, when they declare the same one (a rug pull).
        let unchangedVersion: String?
        let toolNames: ToolNameIndex

        /// The findings of a definition both sides have, with different content.
        func findings(_ kind: DefinitionKind, old: JSONValue, new: JSONValue, by review: TextReview) -> [Finding] {
            compare(LLMFacingTextCollector.collect(new, kind: kind), LLMFacingTextCollector.collect(old, kind: kind), existed: true, by: review)
        }

        /// `texts` of one object against its old ones; `existed`: the object was on the old side.
        func compare(_ texts: [LLMFacingText], _ oldTexts: [LLMFacingText], existed: Bool, by review: TextReview) -> [Finding] {
            var previous: [JSONPointer: String] = [:]
            for text in oldTexts { previous[text.pointer] = text.text }
            var findings: [Finding] = []
            for text in texts {
                let before = previous[text.pointer]
                guard before != text.text else { continue }
                findings += review.findings(for: text, before: before, toolNames: toolNames, informational: false)
                if let version = unchangedVersion, existed {
                    findings.append(review.finding("llm-text-changed-without-version-bump", text, before: before,
                                                   message: "\(text.place) changed while serverInfo.version stayed \(TextReviewRules.quote(version))",
                                                   hint: "a server that changes what it tells the model without a new version can turn a reviewed tool into a poisoned one (a rug pull): release the change as a new version"))
                }
            }
            return findings
        }
    }

    fileprivate func findings(for text: LLMFacingText, before: String?, toolNames: ToolNameIndex, informational: Bool) -> [Finding] {
        var findings: [Finding] = []
        let normalised = ReviewNormalisation.normalise(text.text)
        let normalisedBefore = before.map(ReviewNormalisation.normalise)
        func new(_ matches: [TextMatch], _ old: (String) -> [TextMatch]) -> [TextMatch] {
            guard let before else { return matches }
            let known = Set(old(before).map(\.key))
            return matches.filter { !known.contains($0.key) }
        }

        let hidden = new(rules.hiddenCharacters(in: text.text), rules.hiddenCharacters(in:))
        if !hidden.isEmpty {
            let count = HiddenCharacters.occurrences(in: text.text).count
            let spelled = HiddenCharacters.tagMessage(in: text.text)
            findings.append(finding("llm-hidden-characters", text, before: before,
                                    message: "\(text.place): \(count) hidden character\(count == 1 ? "" : "s") (\(Self.listed(hidden.map(\.excerpt)))) in \(TextReviewRules.quote(text.text, width: 120))",
                                    hint: spelled.isEmpty ? "a model reads these characters; a person reviewing the text does not see them"
                                        : "the tag characters spell \(TextReviewRules.quote(spelled, width: 200)): text only the model sees"))
        }

        for rule in [InstructionPattern.Rule.instruction, .mentionsOtherTool] {
            let matches = rules.instructions(in: normalised, rule: rule)
            let known = Set(normalisedBefore.map { rules.instructions(in: $0, rule: rule).map(\.match.key) } ?? [])
            let fresh = matches.filter { !known.contains($0.match.key) }
            guard !fresh.isEmpty else { continue }
            let what = rule == .instruction ? "instruction-like text" : "speaks about other tools or servers"
            findings.append(finding(rule.rawValue, text, before: before,
                                    message: "\(text.place): \(what): " + fresh.map { "\($0.match.excerpt) (\($0.pattern.id))" }.joined(separator: ", "),
                                    hint: "instruction patterns v\(InstructionPatterns.version): " + Self.unique(fresh.map { "\($0.pattern.id) — \($0.pattern.summary)" }).joined(separator: "; ")))
        }

        if text.kind != .server {
            let owner = text.kind == .tool ? text.name : nil
            let mentions = rules.toolMentions(in: text.text, owner: owner, toolNames: toolNames)
            let knownBefore = before.map { rules.toolMentions(in: $0, owner: owner, toolNames: toolNames).directive.map(\.key) } ?? []
            let directive = mentions.directive.filter { !knownBefore.contains($0.key) }
            if !directive.isEmpty {
                findings.append(finding("llm-mentions-other-tool", text, before: before,
                                        message: "\(text.place): instructs about another tool: " + directive.map(\.excerpt).joined(separator: ", "),
                                        hint: "a description that tells the model how to use a different tool can shadow it (tool shadowing); describe only this \(text.kind.noun)"))
            }
            if informational, !mentions.plain.isEmpty {
                findings.append(finding("llm-tool-reference", text, before: before,
                                        message: "\(text.place): names another tool: " + mentions.plain.map(\.excerpt).joined(separator: ", ")))
            }
        }

        let urls = rules.urls(in: text.text)
        if informational {
            if !urls.isEmpty {
                findings.append(finding("llm-url-present", text, before: before, message: "\(text.place): URL " + urls.map(\.excerpt).joined(separator: ", ")))
            }
        } else {
            let added = new(urls, rules.urls(in:))
            if !added.isEmpty {
                findings.append(finding("llm-url-added", text, before: before,
                                        message: "\(text.place): URL added: " + added.map(\.excerpt).joined(separator: ", "),
                                        hint: "a link in text the model reads may point it at content outside the server's control"))
            }
        }
        return findings
    }

    fileprivate func finding(_ rule: String, _ text: LLMFacingText, before: String?, message: String, hint: String? = nil) -> Finding {
        Finding(rule: rule, kind: text.kind, name: text.name, pointer: text.pointer,
                old: before.map(JSONValue.string), new: .string(text.text), message: message, hint: hint, tags: ["llm-facing"])
    }

    /// Objects a snapshot defines, the server included.
    static func objects(of snapshot: Snapshot) -> Set<ComparedObject> {
        var objects: Set<ComparedObject> = [ComparedObject(kind: .server, name: snapshot.serverInfo["name"]?.stringValue ?? "server")]
        for kind in DefinitionKind.allCases {
            for definition in snapshot.definitions(kind) { if let name = kind.identity(of: definition) { objects.insert(ComparedObject(kind: ObjectKind(kind), name: name)) } }
        }
        return objects
    }

    /// At most four, then "and N more".
    private static func listed(_ names: [String]) -> String {
        names.count <= 4 ? names.joined(separator: ", ") : names.prefix(4).joined(separator: ", ") + " and \(names.count - 4) more"
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
