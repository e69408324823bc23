import Testing
@testable import Domain

@Suite("Masking")
struct MaskingTests {
    @Test func defaultsKeepThreeAndFour() {
        #expect(Masking.middle("140403199003071234") == "140***********1234")
        #expect(Masking.middle("13812345678") == "138****5678")
        #expect(Masking.middle("12345678") == "123*5678")
    }

    @Test func customKeeps() {
        #expect(Masking.middle("13812345678", keepFirst: 0, keepLast: 4) == "*******5678")
        #expect(Masking.middle("13812345678", keepFirst: 3, keepLast: 0) == "138********")
        #expect(Masking.middle("张三丰", keepFirst: 1, keepLast: 0) == "张**")
        #expect(Masking.middle("13812345678", keepFirst: -2, keepLast: -1) == "***********")
    }

    @Test func tooShortToHaveAMiddleIsMaskedEntirely() {
        #expect(Masking.middle("") == "")
        #expect(Masking.middle("1234567") == "*******")
        #expect(Masking.middle("12") == "**")
        #expect(Masking.middle("张三", keepFirst: 1, keepLast: 1) == "**")
    }

    @Test func lengthIsPreservedInCharacters() {
        let s = "山西省长治市潞州区英雄南路"
        let masked = Masking.middle(s)
        #expect(masked.count == s.count)
        #expect(masked == "山西省******英雄南路")
    }
}
