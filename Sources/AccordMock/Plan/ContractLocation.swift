import AccordContracts
import AccordJSON
import AccordYAML

/// Errors located in a contract file: the interaction's line and a dotted field path, the way
/// the contract parser names fields (`interactions[0].expect.structuredContent.status`).
struct ContractLocation {
    let contract: Contract

    func interaction(_ index: Int, _ interaction: Interaction, at pointer: JSONPointer? = nil, _ reason: String) -> InputFileError {
        var field = "interactions[\(index)]"
        if let pointer { field += ".expect" + Self.dotted(pointer) }
        return InputFileError(file: contract.file, line: contract.lines[CheckID.interaction(interaction.name)], field: field,
                              reason: "interaction \"\(interaction.name)\": \(reason)")
    }

    func error(checkID: String, field: String, _ reason: String) -> InputFileError {
        InputFileError(file: contract.file, line: contract.lines[checkID], field: field, reason: reason)
    }

    /// `/structuredContent/lines/0/amountCents` → `.structuredContent.lines[0].amountCents`.
    static func dotted(_ pointer: JSONPointer) -> String {
        pointer.tokens.map { token in Int(token) != nil ? "[\(token)]" : ".\(token)" }.joined()
    }
}
