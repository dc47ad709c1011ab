// moisson review page: enhancements only. Every form works without this
// script (POST, then a redirect back to the page); with it, a form is sent
// in the background and the page's main part replaced, keeping the scroll
// position, and a few keys move around the entries.
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main || !window.fetch || !window.DOMParser) { return; }

  function banner(text) {
    var b = document.getElementById("js-error");
    if (!b) {
      b = document.createElement("p");
      b.id = "js-error";
      b.className = "flash bad";
      b.setAttribute("role", "alert");
      main.insertBefore(b, main.firstChild);
    }
    b.textContent = text;
  }

  function swap(html, url) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var next = doc.getElementById("main");
    if (!next) { window.location.assign(url); return; }
    var y = window.scrollY;
    main.innerHTML = next.innerHTML;
    document.title = doc.title;
    window.scrollTo(0, y);
    if (url) { history.replaceState(null, "", url); }
  }

  main.addEventListener("submit", function (ev) {
    var form = ev.target;
    // Read the attributes: a field named "action" shadows form.action.
    if (!(form instanceof HTMLFormElement) || (form.getAttribute("method") || "").toLowerCase() !== "post") { return; }
    var target = form.getAttribute("action") || window.location.pathname;
    ev.preventDefault();
    var data = new FormData(form);
    var sub = ev.submitter;
    if (sub && sub.name) { data.append(sub.name, sub.value); }
    var entry = form.closest("article.entry");
    var focusID = entry ? entry.id : "";
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (b) { b.disabled = true; });
    fetch(target, {
      method: "POST",
      body: new URLSearchParams(data),
      credentials: "same-origin",
      headers: { "Accept": "text/html" }
    }).then(function (resp) {
      return resp.text().then(function (text) {
        if (!resp.ok) {
          var doc = new DOMParser().parseFromString(text, "text/html");
          var m = doc.getElementById("error-message");
          buttons.forEach(function (b) { b.disabled = false; });
          banner(resp.status + " " + (m ? m.textContent : text.slice(0, 200)));
          return;
        }
        swap(text, resp.url);
        if (focusID) {
          var el = document.getElementById(focusID);
          if (el) { el.focus({ preventScroll: true }); }
        }
      });
    }).catch(function (err) {
      buttons.forEach(function (b) { b.disabled = false; });
      banner(String(err));
    });
  });

  // Keys: j/k next/previous entry, h hide or show it, u undo.
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) { return; }
    var entries = Array.prototype.slice.call(main.querySelectorAll("article.entry"));
    var i = entries.indexOf(document.activeElement);
    if (ev.key === "j" || ev.key === "k") {
      var n = ev.key === "j" ? i + 1 : i - 1;
      if (i < 0) { n = 0; }
      if (n >= 0 && n < entries.length) {
        entries[n].focus();
        entries[n].scrollIntoView({ block: "center" });
      }
      ev.preventDefault();
    } else if (ev.key === "h" && i >= 0) {
      var b = entries[i].querySelector("form.f-hide button");
      if (b) { b.click(); }
      ev.preventDefault();
    } else if (ev.key === "u") {
      var u = document.querySelector("#f-undo button:not([disabled])");
      if (u) { u.click(); }
      ev.preventDefault();
    }
  });
})();
