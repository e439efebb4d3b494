// Keeps the ticket page current without a reload: server-sent events first,
// polling when they are not available. Only regions whose markup changed are
// replaced, so a screen reader hears the status line only when it changes.
(function () {
  "use strict";
  var main = document.getElementById("ticket");
  if (!main) { return; }
  var regions = ["card", "status", "details", "calls", "updated"];
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
