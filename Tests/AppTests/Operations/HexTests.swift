import Foundation
import Testing
@testable import App

@Suite("十六进制：摘要的写法")
struct HexTests {
    @Test("every byte is written as Foundation's %02x writes it, lower case, two digits")
    func matchesFormat() {
        let all = (0...255).map { UInt8($0) }
        #expect(all.hexString == all.map { String(format: "%02x", $0) }.joined())
        #expect([UInt8]().hexString == "")
        #expect(SessionStore.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
