// moisson review page: enhancements only. Every form works without this
// script (POST, then a redirect back to the entry with the message); with
// it, a form is sent in the background and only what changed on the page
// is replaced: an entry whose content changed (data-v), the head, the
// preview. An entry being edited keeps what was typed; its unsaved state
// is shown. A few keys move around the entries.
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main || !window.fetch || !window.DOMParser) { return; }

  function live(text) {
    var l = document.getElementById("live");
    if (l) { l.textContent = ""; window.setTimeout(function () { l.textContent = text; }, 50); }
  }

  // say puts a message under the form it is about (an entry, the week's
  // toolbar), and announces it.
  function say(form, text, bad) {
    var entry = form.closest("article.entry");
    var m;
    if (entry) {
      m = entry.querySelector("p.msg");
      if (!m) {
        m = document.createElement("p");
        m.id = "m-" + entry.id;
        form.appendChild(m);
      }
    } else {
      m = document.getElementById("week-msg");
      if (!m) {
        m = document.createElement("p");
        m.id = "js-msg";
        form.parentNode.insertBefore(m, form.nextSibling);
      }
    }
    m.className = "msg" + (bad ? " bad" : "");
    m.setAttribute("role", bad ? "alert" : "status");
    m.textContent = text;
    live(text);
  }

  function dirty(el) { return el.classList.contains("dirty"); }

  // reconcile brings the page doc (the answer to a form) into this one:
  // elements with a data-v are kept when their data-v is the same, or
  // when they hold unsaved edits (except the one just saved); the others
  // come from doc.
  function reconcile(doc, savedID) {
    var head = doc.getElementById("week-head");
    var oldHead = document.getElementById("week-head");
    if (head && oldHead) { oldHead.replaceWith(document.importNode(head, true)); }
    var next = doc.getElementById("entries");
    var cur = document.getElementById("entries");
    if (next && cur) {
      next = document.importNode(next, true);
      next.querySelectorAll("[data-v]").forEach(function (el) {
        var old = document.getElementById(el.id);
        if (!old || old.id === savedID) { return; }
        if (old.getAttribute("data-v") === el.getAttribute("data-v") || dirty(old)) {
          el.replaceWith(old);
        }
      });
      cur.replaceChildren.apply(cur, Array.prototype.slice.call(next.childNodes));
    }
    var prev = doc.getElementById("preview");
    var oldPrev = document.getElementById("preview");
    if (prev && oldPrev && prev.innerHTML.trim() !== "") { oldPrev.innerHTML = prev.innerHTML; }
    var cats = doc.getElementById("cats");
    var oldCats = document.getElementById("cats");
    if (cats && oldCats) { oldCats.replaceWith(document.importNode(cats, true)); }
    document.title = doc.title;
  }

  function send(form, sub) {
    // Read the attributes: a field named "action" shadows form.action.
    var target = (sub && sub.getAttribute("formaction")) || form.getAttribute("action") || window.location.pathname;
    var data = new FormData(form);
    if (sub && sub.name) { data.append(sub.name, sub.value); }
    var entry = form.closest("article.entry");
    var entryID = entry ? entry.id : "";
    var top = entry ? entry.getBoundingClientRect().top : 0;
    var wasHidden = entry ? entry.classList.contains("is-hidden") : false;
    var shown = Array.prototype.slice.call(main.querySelectorAll("article.entry:not(.is-hidden)"));
    var after = entry ? shown[shown.indexOf(entry) + 1] : null;
    var afterID = after ? after.id : "";
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (b) { b.disabled = true; });
    form.setAttribute("aria-busy", "true");
    return fetch(target, {
      method: "POST",
      body: new URLSearchParams(data),
      credentials: "same-origin",
      headers: { "Accept": "text/html", "X-Moisson-Page": "1" }
    }).then(function (resp) {
      // The answer is another page (the diff of a file edited by hand).
      var go = resp.headers.get("X-Moisson-Go");
      if (go) { window.location.assign(go); return; }
      return resp.text().then(function (text) {
        form.removeAttribute("aria-busy");
        var doc = new DOMParser().parseFromString(text, "text/html");
        if (!resp.ok) {
          buttons.forEach(function (b) { b.disabled = false; });
          // The message the page put where the action was made, else the
          // error page's.
          var m = (entryID && doc.getElementById("m-" + entryID)) || doc.getElementById("week-msg") || doc.getElementById("error-message");
          var detail = doc.getElementById("error-detail");
          var text2 = m && m.textContent.trim() ? m.textContent.trim() : resp.status + " " + resp.statusText;
          if (detail) { text2 += " (" + detail.textContent.trim() + ")"; }
          say(form, text2, true);
          return;
        }
        if (entry) { entry.classList.remove("dirty"); }
        reconcile(doc, entryID);
        var now = entryID && document.getElementById(entryID);
        if (now && !wasHidden && now.classList.contains("is-hidden")) {
          // Hidden: the eye goes on to the next link.
          var m0 = now.querySelector("p.msg");
          if (m0) { live(m0.textContent); }
          var nx = afterID && document.getElementById(afterID);
          if (nx) { nx.focus({ preventScroll: true }); nx.scrollIntoView({ block: "center" }); }
        } else if (now) {
          // Keep the entry where the eye was.
          window.scrollBy(0, now.getBoundingClientRect().top - top);
          now.focus({ preventScroll: true });
          var m = now.querySelector("p.msg");
          if (m) { live(m.textContent); }
        } else {
          var wm = document.getElementById("week-msg");
          if (wm && wm.textContent.trim()) { live(wm.textContent); }
        }
      });
    }).catch(function (err) {
      form.removeAttribute("aria-busy");
      buttons.forEach(function (b) { b.disabled = false; });
      say(form, String(err), true);
    });
  }

  main.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!(form instanceof HTMLFormElement) || (form.getAttribute("method") || "").toLowerCase() !== "post") { return; }
    if (form.hasAttribute("data-plain")) { return; } // sent as it is: its answer is another page
    ev.preventDefault();
    var sub = ev.submitter;
    var ask = sub && sub.getAttribute("data-confirm");
    if (ask) {
      // Publishing the week still open closes it: asked first.
      if (!window.confirm(ask)) { return; }
      var early = document.createElement("input");
      early.type = "hidden";
      early.name = "close_early";
      early.value = "1";
      form.appendChild(early);
      send(form, sub).then(function () { early.remove(); });
      return;
    }
    send(form, sub);
  });

  // The unsaved state of an entry.
  function touched(ev) {
    var entry = ev.target.closest && ev.target.closest("article.entry");
    if (!entry || !ev.target.form || dirty(entry)) { return; }
    entry.classList.add("dirty");
    var acts = entry.querySelector(".actions");
    var list = document.getElementById("entries");
    if (acts && !acts.querySelector(".unsaved")) {
      var u = document.createElement("span");
      u.className = "unsaved";
      u.textContent = list ? list.getAttribute("data-unsaved") : "";
      acts.appendChild(u);
    }
  }
  main.addEventListener("input", touched);
  main.addEventListener("change", touched);
  window.addEventListener("beforeunload", function (ev) {
    if (main.querySelector("article.entry.dirty")) { ev.preventDefault(); ev.returnValue = ""; }
  });

  // The page's other paragraphs, brought into the entry's form: picking
  // one puts it in the lead field (sent with the form).
  main.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a.paras");
    if (!a) { return; }
    ev.preventDefault();
    fetch(a.getAttribute("href"), { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (text) {
      var fs = new DOMParser().parseFromString(text, "text/html").getElementById("paras");
      if (!fs) { window.location.assign(a.getAttribute("href")); return; }
      fs = document.importNode(fs, true);
      var form = a.closest("form");
      var lead = form.querySelector("textarea[name=lead]");
      var kept = lead.value;
      fs.removeAttribute("id");
      fs.querySelectorAll("input[type=radio]").forEach(function (r) {
        r.name = "para-" + form.closest("article").id; // a group of its own, not sent
        r.addEventListener("change", function () {
          var span = r.parentNode.querySelector("span");
          lead.value = span ? span.textContent : kept;
          lead.dispatchEvent(new Event("input", { bubbles: true }));
        });
      });
      a.replaceWith(fs);
      var first = fs.querySelector("input");
      if (first) { first.focus(); }
    });
  });

  // The preview, beside the entries.
  var pl = document.getElementById("preview-link");
  var pv = document.getElementById("preview");
  if (pl && pv && pv.innerHTML.trim() === "") {
    fetch(pl.getAttribute("href"), { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (text) {
      var p = new DOMParser().parseFromString(text, "text/html").getElementById("preview");
      var now = document.getElementById("preview");
      if (p && now && now.innerHTML.trim() === "") { now.innerHTML = p.innerHTML; }
    });
  }

  // Keys: j/k next/previous shown entry (hidden ones skipped), h hide or
  // show it, u undo.
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(t.tagName))) { return; }
    var entries = Array.prototype.slice.call(main.querySelectorAll("article.entry:not(.is-hidden)"));
    var here = document.activeElement && document.activeElement.closest ? document.activeElement.closest("article.entry") : null;
    var i = entries.indexOf(here);
    if (ev.key === "j" || ev.key === "k") {
      var n;
      if (i < 0 && here) {
        // On a hidden entry: the next shown one after (or before) it.
        n = -1;
        for (var x = 0; x < entries.length; x++) {
          var after = here.compareDocumentPosition(entries[x]) & Node.DOCUMENT_POSITION_FOLLOWING;
          if (ev.key === "j" && after) { n = x; break; }
          if (ev.key === "k" && !after) { n = x; }
        }
      } else {
        n = i < 0 ? 0 : (ev.key === "j" ? i + 1 : i - 1);
      }
      if (n >= 0 && n < entries.length) {
        entries[n].focus();
        entries[n].scrollIntoView({ block: "center" });
      }
      ev.preventDefault();
    } else if (ev.key === "h" && here) {
      var b = here.querySelector("button.b-hide, button.b-show");
      if (b) { b.click(); }
      ev.preventDefault();
    } else if (ev.key === "u") {
      var u = document.querySelector("#b-undo:not([disabled])");
      if (u) { u.click(); }
      ev.preventDefault();
    }
  });
})();
