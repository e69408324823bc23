import Foundation
import Testing
@testable import App

/// A declaration item's values are decoded once per stored text (issue 12's profile),
/// but never answered from an older text, and a bad text still fails loudly.
@Suite struct FieldValuesCacheTests {
    @Test func anAssignmentIsNeverAnsweredFromTheOldDecoding() throws {
        let item = ApplicationItem(applicationID: UUID(), section: .papers, position: 1, values: ["title": "旧题目"])
        #expect(item.values["title"] == "旧题目")
        item.values = ["title": "新题目"]
        #expect(item.values["title"] == "新题目")
        item.payload = #"{"title":"直接写入"}"#
        #expect(item.values["title"] == "直接写入")
    }

    @Test func theLoadCheckStillRefusesABadText() throws {
        var cache = FieldValuesCache()
        #expect(throws: StoredValueError.self) { try cache.check("application_items.payload", "{not json") }
        try cache.check("application_items.payload", #"{"a":"1"}"#)
        #expect(cache.values("application_items.payload", #"{"a":"1"}"#) == ["a": "1"])
        #expect(cache.values("application_items.payload", #"{"a":"2"}"#) == ["a": "2"])
    }
}
