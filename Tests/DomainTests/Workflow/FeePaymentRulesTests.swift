import Testing
@testable import Domain

/// 评审费 payments as typed (issue 17 item 5): the review year's window, whole yuan
/// up to the policy's fee, a correction's reason, each refusal tied to its field.
@Suite struct FeePaymentRulesTests {
    func d(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }
    func errors(_ r: Result<FeePaymentValue, FeePaymentErrors>) -> [String: String] {
        if case .failure(let e) = r { return e.messages } else { return [:] }
    }

    @Test func windowIsTheReviewYearUpToToday() {
        #expect(ReviewFee.paymentWindow(reviewYear: 2022, today: d("2022-07-20")) == d("2022-01-01")...d("2022-07-20"))
        #expect(ReviewFee.paymentWindow(reviewYear: 2022, today: d("2023-03-01")) == d("2022-01-01")...d("2022-12-31"))
        #expect(ReviewFee.paymentWindow(reviewYear: 2022, today: d("2021-12-31")) == nil)
    }

    @Test func eachFieldIsChecked() throws {
        let today = d("2022-07-20")
        func check(_ i: FeePaymentInput, recorded: FeePaymentValue? = nil) -> Result<FeePaymentValue, FeePaymentErrors> {
            ReviewFee.check(i, due: 300, reviewYear: 2022, today: today, recorded: recorded)
        }
        #expect(try check(FeePaymentInput(receipt: " CZ-1 ", paidOn: "2022-07-20", amount: "300")).get()
                == FeePaymentValue(receipt: "CZ-1", paidOn: today, amount: 300))
        #expect(errors(check(FeePaymentInput(receipt: "", paidOn: "2022-07-21", amount: "abc"))).keys.sorted() == ["amount", "paidOn", "receipt"])
        #expect(errors(check(FeePaymentInput(receipt: "X", paidOn: "2021-12-31", amount: "300")))["paidOn"]
                == "缴费日期须在2022年1月1日至2022年7月20日之间（2022年度评审，且不晚于今天）")
        #expect(errors(check(FeePaymentInput(receipt: "X", paidOn: "2022-02-30", amount: "300")))["paidOn"] == "请按“年-月-日”填写有效的缴费日期")
        for bad in ["-5", "+300", "３００", "300.0", ""] {
            #expect(errors(check(FeePaymentInput(receipt: "X", paidOn: "2022-07-01", amount: bad)))["amount"] == "实收金额须为整数（元），如：300", "\(bad)")
        }
        #expect(errors(check(FeePaymentInput(receipt: "X", paidOn: "2022-07-01", amount: "0")))["amount"] == "实收金额须在1至300元之间（该级别评审费每人300元）")
        #expect(errors(check(FeePaymentInput(receipt: String(repeating: "号", count: 41), paidOn: "2022-07-01", amount: "300")))["receipt"] != nil)
    }

    @Test func aCorrectionNeedsAReasonAndAChange() {
        let recorded = FeePaymentValue(receipt: "CZ-1", paidOn: d("2022-07-19"), amount: 300)
        func check(_ i: FeePaymentInput) -> [String: String] {
            errors(ReviewFee.check(i, due: 300, reviewYear: 2022, today: d("2022-07-20"), recorded: recorded))
        }
        #expect(check(FeePaymentInput(receipt: "CZ-2", paidOn: "2022-07-19", amount: "300", reason: " \n"))["reason"] == "请填写更正原因")
        #expect(check(FeePaymentInput(receipt: "CZ-2", paidOn: "2022-07-19", amount: "300",
                                      reason: String(repeating: "因", count: 201)))["reason"] == "更正原因不超过200字")
        #expect(check(FeePaymentInput(receipt: "CZ-1", paidOn: "2022-07-19", amount: "300", reason: "核对"))["receipt"]?.contains("与原记录相同") == true)
        #expect(check(FeePaymentInput(receipt: "CZ-2", paidOn: "2022-07-19", amount: "300", reason: "收据号录错")).isEmpty)
    }
}
