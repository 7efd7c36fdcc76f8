import AccordContracts
import AccordJSON
import AccordServer
import AccordSnapshot
import AccordYAML

/// Which definitions the mock offers: by default those the contracts name — in `tools:`,
/// `prompts:`, `resources:`, `resourceTemplates:` or as the target of an interaction — and with
/// `--all` the whole snapshot. Definitions are served exactly as the snapshot stores them,
/// with its server info, capabilities and instructions.
enum OfferSelection {
    static func offer(_ snapshot: Snapshot, contracts: [Contract], all: Bool, snapshotLabel: String) throws(InputFileError) -> ServerOffer {
        var tools = Set<String>(), prompts = Set<String>(), uris = Set<String>(), templates = Set<String>()
        for contract in contracts {
            let location = ContractLocation(contract: contract)
            for (index, tool) in contract.tools.enumerated() {
                guard snapshot.tools.contains(where: { $0["name"]?.stringValue == tool.name }) else {
                    throw location.error(checkID: CheckID.tool(tool.name), field: "tools[\(index)].name", "tool \(tool.name) is not offered by \(snapshotLabel)")
                }
                tools.insert(tool.name)
            }
            for (index, prompt) in contract.prompts.enumerated() {
                guard snapshot.prompts.contains(where: { $0["name"]?.stringValue == prompt.name }) else {
                    throw location.error(checkID: CheckID.prompt(prompt.name), field: "prompts[\(index)].name", "prompt \(prompt.name) is not offered by \(snapshotLabel)")
                }
                prompts.insert(prompt.name)
            }
            for (index, resource) in contract.resources.enumerated() {
                guard snapshot.resources.contains(where: { $0["uri"]?.stringValue == resource.uri }) else {
                    throw location.error(checkID: CheckID.resource(resource.uri), field: "resources[\(index)].uri", "resource \(resource.uri) is not offered by \(snapshotLabel)")
                }
                uris.insert(resource.uri)
            }
            for (index, template) in contract.resourceTemplates.enumerated() {
                guard snapshot.resourceTemplates.contains(where: { $0["uriTemplate"]?.stringValue == template.uriTemplate }) else {
                    throw location.error(checkID: CheckID.resourceTemplate(template.uriTemplate), field: "resourceTemplates[\(index)].uriTemplate",
                                         "resource template \(template.uriTemplate) is not offered by \(snapshotLabel)")
                }
                templates.insert(template.uriTemplate)
            }
            for interaction in contract.interactions {
                switch interaction.call {
                case .callTool(let name, _): tools.insert(name)
                case .getPrompt(let name, _): prompts.insert(name)
                case .readResource(let uri):
                    if snapshot.resources.contains(where: { $0["uri"]?.stringValue == uri }) {
                        uris.insert(uri)
                    } else if let template = snapshot.resourceTemplates.compactMap({ $0["uriTemplate"]?.stringValue }).first(where: { URITemplate($0).matches(uri) }) {
                        templates.insert(template)
                    }
                }
            }
        }
        func chosen(_ definitions: [JSONValue], _ key: String, _ names: Set<String>) -> [JSONValue] {
            all ? definitions : definitions.filter { $0[key]?.stringValue.map(names.contains) ?? false }
        }
        return ServerOffer(
            serverInfo: snapshot.serverInfo, capabilities: snapshot.capabilities, instructions: snapshot.instructions,
            tools: chosen(snapshot.tools, "name", tools), resources: chosen(snapshot.resources, "uri", uris),
            resourceTemplates: chosen(snapshot.resourceTemplates, "uriTemplate", templates), prompts: chosen(snapshot.prompts, "name", prompts))
    }
}
