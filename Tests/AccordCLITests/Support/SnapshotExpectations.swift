import AccordJSON
import Foundation
import Testing

/// Parses a snapshot printed by `accord snapshot` and checks its shape.
func parseSnapshot(_ run: AccordRun, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
    #expect(run.status == 0, "accord failed: \(run)", sourceLocation: sourceLocation)
    return try JSONValue(parsing: run.stdout)
}

func names(_ snapshot: JSONValue, _ key: String, field: String = "name") -> [String] {
    snapshot[key]?.arrayValue?.compactMap { $0[field]?.stringValue } ?? []
}

/// The definitions part of a snapshot (what must not depend on transport or era).
func definitions(_ snapshot: JSONValue) -> JSONValue {
    ["tools": snapshot["tools"] ?? .null, "resources": snapshot["resources"] ?? .null,
     "resourceTemplates": snapshot["resourceTemplates"] ?? .null, "prompts": snapshot["prompts"] ?? .null]
}

/// The weather-and-notes peer (Tests/Fixtures/peers/weather_notes.py), as served by either SDK.
func expectWeatherNotesPeer(_ snapshot: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(names(snapshot, "tools") == ["add_note", "count_down", "echo", "get_forecast", "list_notes"], sourceLocation: sourceLocation)
    #expect(names(snapshot, "prompts") == ["plan_trip"], sourceLocation: sourceLocation)
    #expect(snapshot["resources"]?.arrayValue?.count == 1, sourceLocation: sourceLocation)
    #expect(snapshot["resourceTemplates"]?.arrayValue?.count == 1, sourceLocation: sourceLocation)
    let forecast = snapshot["tools"]?.arrayValue?.first { $0["name"] == "get_forecast" }
    #expect(forecast?["inputSchema"]?["type"] == "object", sourceLocation: sourceLocation)
    #expect(forecast?["inputSchema"]?["properties"]?["city"] != nil, sourceLocation: sourceLocation)
    #expect(forecast?["outputSchema"]?["type"] == "object", sourceLocation: sourceLocation)
    let prompt = snapshot["prompts"]?[0]
    #expect(prompt?["arguments"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["destination", "days"], sourceLocation: sourceLocation)
}
