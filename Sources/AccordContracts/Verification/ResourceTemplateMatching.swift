extension ResourceTemplateExpectation {
    /// Whether `uri` is an expansion of this template: the rule static verification applies
    /// to `resources/read` interactions.
    ///
    /// ```swift
    /// ResourceTemplateExpectation(uriTemplate: "ledgerly://invoices/{invoiceId}").matches("ledgerly://invoices/INV-1003")   // true
    /// ```
    public func matches(_ uri: String) -> Bool { URITemplate(uriTemplate).matches(uri) }
}
