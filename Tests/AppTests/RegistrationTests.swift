import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

@Suite struct RegistrationTests {
    static func unitID(_ app: Application, _ name: String) async throws -> String {
        try #require(try await Organization.query(on: app.db).filter(\.$name == name).first()?.id?.uuidString)
    }

    static let validID = ResidentIDNumber.completing("14042519930215302")!

    func form(_ unit: String, _ changes: [String: String] = [:]) -> [String: String] {
        var form = ["realName": "赵小明", "idNumber": Self.validID, "mobile": "139 0355 1234", "unitID": unit,
                    "username": "zhaoxm", "password": "Gc7#Lm2pQx", "confirm": "Gc7#Lm2pQx"]
        form.merge(changes) { $1 }
        return form
    }

    @Test func invalidIDNumberKeepsWhatWasTypedAndCreatesNothing() async throws {
        try await withTestApp { app in
            let unit = try await Self.unitID(app, "襄垣县示例煤机制造有限公司")
            let before = try await UserAccount.query(on: app.db).count()
            var browser = Browser(app)
            try await browser.get("/register")
            let bad = String(Self.validID.dropLast()) + (Self.validID.last == "1" ? "2" : "1")
            let response = try await browser.post("/register", form(unit, ["idNumber": bad]))
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("身份证号码校验位不正确"))
            #expect(response.text.contains(#"value="赵小明""#))
            #expect(response.text.contains(#"value="zhaoxm""#))
            #expect(response.text.contains("selected"))
            #expect(!response.text.contains("Gc7#Lm2pQx"))
            #expect(try await UserAccount.query(on: app.db).count() == before)
        }
    }

    @Test func eachFieldGetsItsOwnMessage() async throws {
        try await withTestApp { app in
            var browser = Browser(app)
            try await browser.get("/register")
            let response = try await browser.post("/register", [
                "realName": "", "idNumber": "123", "mobile": "12345", "unitID": "", "username": "1a",
                "password": "short", "confirm": "x",
            ])
            #expect(response.status == .unprocessableEntity)
            for message in ["请填写真实姓名", "身份证号码应为18位", "请选择工作单位", "用户名须为4–32位", "密码长度须为8–64个字符"] {
                #expect(response.text.contains(message), "missing: \(message)")
            }
        }
    }

    @Test func duplicateUsernameAndIDNumberAreRefused() async throws {
        try await withTestApp { app in
            let unit = try await Self.unitID(app, "襄垣县示例煤机制造有限公司")
            var browser = Browser(app)
            try await browser.get("/register")
            let taken = try await browser.post("/register", form(unit, ["username": "applicant1"]))
            #expect(taken.text.contains("该用户名已被使用"))
            let applicant1 = try #require(try await UserAccount.query(on: app.db).filter(\.$username == "applicant1").first())
            let sameID = try await browser.post("/register", form(unit, ["idNumber": applicant1.idNumber!]))
            #expect(sameID.text.contains("该身份证号码已注册"))
        }
    }

    @Test func successfulRegistrationSignsInWithAuditRecord() async throws {
        try await withTestApp { app in
            let unit = try await Self.unitID(app, "潞州区示例智能科技有限公司")
            var browser = Browser(app)
            try await browser.get("/register")
            let response = try await browser.post("/register", form(unit, ["idNumber": Self.validID.lowercased()]))
            #expect(response.location == "/home?notice=registered")
            let user = try #require(try await UserAccount.query(on: app.db).filter(\.$username == "zhaoxm").first())
            #expect(user.role == .applicant)
            #expect(user.mobile == "13903551234")
            #expect(user.idNumber == Self.validID.uppercased())
            let record = try #require(try await AuditRecord.query(on: app.db).filter(\.$action == "account.register").first())
            #expect(record.objectID == user.id?.uuidString)
            #expect(!record.detail.contains(Self.validID))
            let home = try await browser.get(response.location!)
            #expect(home.text.contains("注册成功"))
            // The person sees their own numbers in full, and sex/birth date derived from the ID.
            #expect(home.text.contains(Self.validID))
            #expect(home.text.contains("1993年2月15日"))
            #expect(home.text.contains("女"))
        }
    }
}
