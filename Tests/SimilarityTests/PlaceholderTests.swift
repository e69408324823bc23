import Testing
@testable import Similarity

@Suite struct SimilarityPlaceholderTests {
    @Test func namespaceExists() { #expect(String(describing: Similarity.self) == "Similarity") }
}
