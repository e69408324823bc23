import Testing
@testable import Domain

@Suite struct LogScrubberTests {
    @Test func personalNumbersAreMaskedOtherNumbersKept() {
        #expect(LogScrubber.scrub("Key (id_number)=(14040219880312101X) already exists")
                == "Key (id_number)=(140***********101X) already exists")
        #expect(LogScrubber.scrub("mobile 13803551001, port 8080, year 2022") == "mobile 138****1001, port 8080, year 2022")
        #expect(LogScrubber.scrub("seq 12345") == "seq 12345")
    }
}
