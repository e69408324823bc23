import Plot
import Testing
@testable import App

/// Issue 8, item 3: attribute values are escaped by construction -- a view that
/// writes `.value(userText)` or `.href(link)` cannot forget, because the module's
/// builders (Views/Shared/HTMLEscaping.swift) are the only ones those calls reach.
@Suite struct AttributeEscapingTests {
    static let hostile = #"x" onfocus="alert(1)" a='<b>&"#

    static func render(_ node: Node<HTML.BodyContext>) -> String {
        HTML(.body(node)).render()
    }

    @Test func plainPlotCallsInAViewComeOutEscaped() {
        let v = Self.hostile
        let html = Self.render(.div(
            .input(.type(.text), .name("q"), .value(v)),
            .a(.href("/search?q=" + v), .text("link")),
            .form(.action("/go/" + v)),
            .div(.attribute(named: "aria-label", value: "选择" + v)),
            .button(.type(.submit), .value(v), .text("ok"))
        ))
        #expect(!html.contains(#"onfocus=""#))
        #expect(!html.contains("<b>"))
        #expect(html.contains(#"value="x&quot; onfocus=&quot;alert(1)&quot; a=&#39;&lt;b&gt;&amp;""#))
        #expect(html.contains(#"href="/search?q=x&quot;"#))
        #expect(html.contains(#"action="/go/x&quot;"#))
        #expect(html.contains(#"aria-label="选择x&quot;"#))
    }

    @Test func formComponentsEscapeEveryValueExactlyOnce() {
        let html = Self.render(.div(
            .textField("name", label: "姓名", value: Self.hostile),
            .selectField("kind", label: "类别", choices: [Choice(value: Self.hostile, label: "a")], selected: nil),
            .csrfField(#"tok"en"#)
        ))
        #expect(!html.contains(#"onfocus=""#))
        // Escaped once, not twice (no "&amp;quot;").
        #expect(!html.contains("&amp;quot;"))
        #expect(html.contains(#"value="tok&quot;en""#))
    }

    @Test func theLoginPageKeepsAHostileNextParameterInsideItsAttribute() {
        let page = LoginPage(chrome: PageChrome(title: "登录"), csrf: "t", next: #""><script>alert(1)</script>"#,
                             lockoutHint: "", error: nil)
        let html = page.render().render()
        #expect(!html.contains("<script>alert(1)"))
        #expect(html.contains("&lt;script&gt;"))
    }

    /// Text goes through the module's `.text` (byte-level escaping, issue 18), not
    /// Plot's: Plot leaves an entity the user typed as an entity (`&lt;` would show
    /// as `<`) and matches `<` per Character, so `<` followed by a combining mark
    /// (one Character) passed through raw.
    @Test func textIsEscapedOnItsBytesWhateverFollowsTheBracket() {
        let html = Self.render(.p(.text("a<b &lt; c&d \u{003C}\u{0338}script>x")))
        #expect(html.contains("<p>a&lt;b &amp;lt; c&amp;d &lt;\u{0338}script&gt;x</p>"))
        #expect(!html.contains("<\u{0338}"))
        // Nothing to escape: the same text, Chinese included.
        #expect(Self.render(.p(.text("张伟 2022年7月25日"))) == "<!DOCTYPE html><html><body><p>张伟 2022年7月25日</p></body></html>")
        #expect("\"'".textEscaped == "\"'" && "\"'".attributeEscaped == "&quot;&#39;")
    }
}
