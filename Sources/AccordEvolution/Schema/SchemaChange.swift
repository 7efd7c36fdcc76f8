/// What changed in a schema, described structurally and independent of direction. The rule id a
/// change is reported under depends on the direction: the input and output tables of RULES.md
/// are mirrors, and this is the one place that maps each structural change onto both.
///
/// Inside `not` a change's effect on the accepted values is reversed, so its severity is that of
/// its ``inverse`` (see ``SchemaFindingDraft/severity(in:)``).
enum SchemaChange: Sendable, Hashable {
    case typeNarrowed
    case typeWidened
    case typeChanged

    case propertyAdded(required: Bool, oldObjectClosed: Bool)
    case propertyRemoved(wasRequired: Bool, newObjectClosed: Bool)
    case propertyBecameRequired
    case propertyBecameOptional

    case additionalPropertiesNarrowed
    case additionalPropertiesWidened

    case enumValueAdded
    case enumValueRemoved
    case enumIntroduced
    case enumDropped

    case constAdded
    case constChanged
    case constRemoved

    case upperBoundTightened
    case upperBoundLoosened
    case lowerBoundTightened
    case lowerBoundLoosened
    /// multipleOf added, or changed to a multiple of the old value: fewer values pass.
    case multipleOfTightened
    /// multipleOf removed, or changed to a divisor of the old value: more values pass.
    case multipleOfRelaxed
    /// multipleOf changed so that neither value set contains the other.
    case multipleOfChanged
    case uniqueItemsAdded
    case uniqueItemsRemoved

    case patternAdded
    case patternChanged
    case patternRemoved
    case formatAdded
    case formatChanged
    case formatRemoved

    case branchAdded(SchemaCombinator)
    case branchRemoved(SchemaCombinator)

    /// not, if/then/else, dependentRequired, dependentSchemas, patternProperties, propertyNames,
    /// contains, unevaluated*, or a whole anyOf/oneOf.
    case constraintAdded
    case constraintRemoved

    case tupleChanged
    case tupleToArray

    case defaultChanged
    case dialectChanged
    case annotationChanged
    case deprecated

    case undecidable

    /// The change with the opposite effect on the accepted values: what this change means when it
    /// happens inside `not`. `nil` where the effect under negation is not clear-cut.
    var inverse: SchemaChange? {
        switch self {
        case .typeNarrowed: .typeWidened
        case .typeWidened: .typeNarrowed
        case .propertyBecameRequired: .propertyBecameOptional
        case .propertyBecameOptional: .propertyBecameRequired
        case .propertyAdded, .propertyRemoved: nil
        case .additionalPropertiesNarrowed: .additionalPropertiesWidened
        case .additionalPropertiesWidened: .additionalPropertiesNarrowed
        case .enumValueAdded: .enumValueRemoved
        case .enumValueRemoved: .enumValueAdded
        case .enumIntroduced: .enumDropped
        case .enumDropped: .enumIntroduced
        case .constAdded: .constRemoved
        case .constRemoved: .constAdded
        case .upperBoundTightened: .upperBoundLoosened
        case .upperBoundLoosened: .upperBoundTightened
        case .lowerBoundTightened: .lowerBoundLoosened
        case .lowerBoundLoosened: .lowerBoundTightened
        case .multipleOfTightened: .multipleOfRelaxed
        case .multipleOfRelaxed: .multipleOfTightened
        case .uniqueItemsAdded: .uniqueItemsRemoved
        case .uniqueItemsRemoved: .uniqueItemsAdded
        case .patternAdded: .patternRemoved
        case .patternRemoved: .patternAdded
        case .formatAdded: .formatRemoved
        case .formatRemoved: .formatAdded
        case .branchAdded(let combinator): .branchRemoved(combinator)
        case .branchRemoved(let combinator): .branchAdded(combinator)
        case .constraintAdded: .constraintRemoved
        case .constraintRemoved: .constraintAdded
        case .tupleToArray: .tupleChanged
        case .typeChanged, .constChanged, .multipleOfChanged, .patternChanged, .formatChanged, .tupleChanged,
             .defaultChanged, .dialectChanged, .annotationChanged, .deprecated, .undecidable:
            self
        }
    }

    /// Whether the change can alter which values are accepted (text and metadata cannot).
    var affectsValidation: Bool {
        switch self {
        case .annotationChanged, .defaultChanged, .deprecated, .dialectChanged: false
        default: true
        }
    }

    /// The catalogue id of this change in `direction`.
    func ruleID(in direction: SchemaDirection) -> String {
        switch direction {
        case .input: inputRuleID
        case .output: outputRuleID
        }
    }

    private var inputRuleID: String {
        switch self {
        case .typeNarrowed: "input-type-narrowed"
        case .typeWidened: "input-type-widened"
        case .typeChanged: "input-type-changed"
        case .propertyAdded(let required, _): required ? "input-property-added-required" : "input-property-added-optional"
        case .propertyRemoved(_, let closed): closed ? "input-property-removed-closed" : "input-property-removed-open"
        case .propertyBecameRequired: "input-property-became-required"
        case .propertyBecameOptional: "input-property-became-optional"
        case .additionalPropertiesNarrowed: "input-additional-properties-narrowed"
        case .additionalPropertiesWidened: "input-additional-properties-widened"
        case .enumValueAdded: "input-enum-value-added"
        case .enumValueRemoved: "input-enum-value-removed"
        case .enumIntroduced: "input-enum-introduced"
        case .enumDropped: "input-enum-dropped"
        case .constAdded, .constChanged: "input-const-changed"
        case .constRemoved: "input-const-removed"
        case .upperBoundTightened: "input-upper-bound-tightened"
        case .upperBoundLoosened: "input-upper-bound-loosened"
        case .lowerBoundTightened: "input-lower-bound-tightened"
        case .lowerBoundLoosened: "input-lower-bound-loosened"
        case .multipleOfTightened, .multipleOfChanged: "input-multiple-of-changed"
        case .multipleOfRelaxed: "input-multiple-of-relaxed"
        case .uniqueItemsAdded: "input-unique-items-added"
        case .uniqueItemsRemoved: "input-unique-items-removed"
        case .patternAdded: "input-pattern-added"
        case .patternChanged: "input-pattern-changed"
        case .patternRemoved: "input-pattern-removed"
        case .formatAdded: "input-format-added"
        case .formatChanged: "input-format-changed"
        case .formatRemoved: "input-format-removed"
        case .branchAdded(.anyOf): "input-any-of-branch-added"
        case .branchRemoved(.anyOf): "input-any-of-branch-removed"
        case .branchAdded(.oneOf): "input-one-of-branch-added"
        case .branchRemoved(.oneOf): "input-one-of-branch-removed"
        case .branchAdded(.allOf): "input-all-of-branch-added"
        case .branchRemoved(.allOf): "input-all-of-branch-removed"
        case .constraintAdded: "input-constraint-added"
        case .constraintRemoved: "input-constraint-removed"
        case .tupleChanged: "input-tuple-changed"
        case .tupleToArray: "input-tuple-to-array"
        case .defaultChanged: "input-default-changed"
        case .dialectChanged: "input-schema-dialect-changed"
        case .annotationChanged: "input-annotation-changed"
        case .deprecated: "input-property-deprecated"
        case .undecidable: "input-change-undecidable"
        }
    }

    private var outputRuleID: String {
        switch self {
        case .typeNarrowed: "output-type-narrowed"
        case .typeWidened: "output-type-widened"
        case .typeChanged: "output-type-changed"
        case .propertyAdded(_, let closed): closed ? "output-property-added-to-closed" : "output-property-added"
        case .propertyRemoved(let required, _): required ? "output-required-property-removed" : "output-optional-property-removed"
        case .propertyBecameRequired: "output-property-became-required"
        case .propertyBecameOptional: "output-property-became-optional"
        case .additionalPropertiesNarrowed: "output-additional-properties-closed"
        case .additionalPropertiesWidened: "output-additional-properties-opened"
        case .enumValueAdded: "output-enum-value-added"
        case .enumValueRemoved: "output-enum-value-removed"
        case .enumIntroduced: "output-enum-introduced"
        case .enumDropped: "output-enum-dropped"
        case .constAdded: "output-const-added"
        case .constChanged, .constRemoved: "output-const-changed"
        case .upperBoundTightened, .lowerBoundTightened, .multipleOfTightened, .uniqueItemsAdded: "output-constraint-tightened"
        case .upperBoundLoosened, .lowerBoundLoosened, .multipleOfRelaxed, .multipleOfChanged, .uniqueItemsRemoved: "output-constraint-loosened"
        case .patternAdded, .formatAdded: "output-pattern-added"
        case .patternChanged, .patternRemoved, .formatChanged, .formatRemoved: "output-pattern-changed"
        case .branchAdded(.anyOf), .branchAdded(.oneOf): "output-branch-added"
        case .branchRemoved(.anyOf), .branchRemoved(.oneOf): "output-branch-removed"
        case .branchAdded(.allOf): "output-all-of-branch-added"
        case .branchRemoved(.allOf): "output-all-of-branch-removed"
        case .constraintAdded: "output-constraint-added"
        case .constraintRemoved: "output-constraint-removed"
        case .tupleChanged, .tupleToArray: "output-tuple-changed"
        case .defaultChanged, .annotationChanged, .deprecated: "output-annotation-changed"
        case .dialectChanged: "output-schema-dialect-changed"
        case .undecidable: "output-change-undecidable"
        }
    }
}

/// The three combinators whose branches are matched one to one.
enum SchemaCombinator: String, Sendable, Hashable, CaseIterable {
    case allOf
    case anyOf
    case oneOf
}
