// Keeps the ticket page current without a reload: server-sent events first,
// polling when they are not available. Only regions whose markup changed are
// replaced, so a screen reader hears the status line only when it changes.
(function () {
  "use strict";
  var main = document.getElementById("ticket");
  if (!main) { return; }
  var regions = ["card", "status", "details", "feedback", "calls", "updated"];
  var pageSeq = main.getAttribute("data-seq");
  var last = null;
  var conn = document.getElementById("conn");
  var liveText = main.getAttribute("data-live-text");
  var offlineText = main.getAttribute("data-offline-text");
  var pollTimer = null;

  function online(ok) {
    if (!conn) { return; }
    conn.textContent = ok ? liveText : offlineText;
    conn.className = ok ? "conn" : "conn offline";
  }

  function apply(data) {
    var first = last === null;
    if (first && String(data.seq) === pageSeq) {
      // the page was rendered from this very state: nothing to redo
      last = data;
      return;
    }
    for (var i = 0; i < regions.length; i++) {
      var name = regions[i];
      if (!first && last[name] === data[name]) { continue; }
      var el = document.getElementById(name);
      if (el) { el.innerHTML = data[name]; }
    }
    if (data.title) { document.title = data.title; }
    main.setAttribute("data-state", data.state);
    last = data;
  }

  // The answer to "was the wait estimate right?" is a plain form; here it is sent
  // in the background and only its region changes. Any trouble: the form is
  // submitted the plain way instead, so the answer is never lost to a script.
  function sendAnswer(form, button) {
    var body = new URLSearchParams();
    var check = form.querySelector("input[name=check]");
    body.append("check", check ? check.value : "");
    body.append("right", button.value);
    var buttons = form.querySelectorAll("button");
    for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = true; }
    fetch(form.action, {
      method: "POST",
      body: body,
      cache: "no-store",
      credentials: "omit",
      headers: { "Accept": "application/json" }
    })
      .then(function (r) {
        if (r.status === 404) { window.location.reload(); return null; }
        return r.json();
      })
      .then(function (data) {
        if (!data) { return; }
        var el = document.getElementById("feedback");
        if (el) { el.innerHTML = data.feedback; }
        if (last !== null) { last.feedback = data.feedback; }
      })
      .catch(function () {
        var plain = document.createElement("input");
        plain.type = "hidden";
        plain.name = "right";
        plain.value = button.value;
        form.appendChild(plain);
        form.submit();
      });
  }

  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form || !form.classList || !form.classList.contains("feedback-form")) { return; }
    var button = ev.submitter;
    if (!button || button.name !== "right" || !window.fetch || !window.URLSearchParams) {
      return;
    }
    ev.preventDefault();
    sendAnswer(form, button);
  });

  function poll() {
    fetch(main.getAttribute("data-poll"), { cache: "no-store", credentials: "omit" })
      .then(function (r) {
        if (r.status === 404) { window.location.reload(); return null; }
        if (!r.ok) { throw new Error(String(r.status)); }
        return r.json();
      })
      .then(function (data) { if (data) { online(true); apply(data); } })
      .catch(function () { online(false); });
  }

  function startPolling() {
    if (pollTimer === null) {
      poll();
      pollTimer = window.setInterval(poll, 10000);
    }
  }

  if (!window.EventSource) { startPolling(); return; }

  var failures = 0;
  var source = new EventSource(main.getAttribute("data-live"));
  source.addEventListener("update", function (ev) {
    failures = 0;
    online(true);
    apply(JSON.parse(ev.data));
  });
  source.addEventListener("gone", function () {
    source.close();
    window.location.reload();
  });
  source.onopen = function () { online(true); };
  source.onerror = function () {
    failures += 1;
    online(false);
    if (failures >= 5 || source.readyState === EventSource.CLOSED) {
      // a proxy that buffers or blocks the stream: fall back to asking now and then
      source.close();
      startPolling();
    }
  };
})();
