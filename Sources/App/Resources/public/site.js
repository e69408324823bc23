// Progressive enhancements, no build step. Every form works without this file:
// the server still checks everything and says what happened.
(function () {
  "use strict";

  // Forms that destroy or undo something ask first (issue 8, item 9):
  // <form data-confirm="确定删除…？">.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);

  // Character counters: <textarea data-counter="ID"> updates the element with that
  // id as you type, counting characters the way the server does (line breaks as one).
  function count(text) {
    return Array.from(text.replace(/\r\n/g, "\n").trim()).length;
  }
  function bind(area) {
    var out = document.getElementById(area.getAttribute("data-counter"));
    if (!out) { return; }
    var update = function () { out.textContent = String(count(area.value)); };
    area.addEventListener("input", update);
    update();
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-counter]"), bind);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
