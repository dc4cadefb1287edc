// The embed page: show the snippet with this server's real address, and copy it.
(function () {
  "use strict";
  var code = document.querySelector("#snippet code");
  var first = code.querySelector(".attr");
  first.textContent = first.textContent.replace("https://BOT-HOST", window.location.origin);
  document.getElementById("copy").addEventListener("click", function () {
    var done = document.getElementById("copied");
    if (!navigator.clipboard) { done.textContent = "Select the snippet and copy it."; return; }
    navigator.clipboard.writeText(code.textContent).then(
      function () { done.textContent = "Copied."; },
      function () { done.textContent = "Select the snippet and copy it."; });
  });
}());
