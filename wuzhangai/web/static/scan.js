// Live progress of a scan: polls /api/scans/ID/progress every 2 s and updates the figures; the state line is a
// polite live region, so a screen reader hears when the state changes, not every count. Reloads when done.
(function () {
  var box = document.getElementById("progress");
  if (!box) return;
  var id = box.getAttribute("data-scan"), last = box.getAttribute("data-state");
  var names = { zh: { queued: "排队中", running: "进行中", finished: "完成", failed: "失败", cancelled: "已取消", interrupted: "中断" },
                en: { queued: "queued", running: "running", finished: "finished", failed: "failed", cancelled: "cancelled", interrupted: "interrupted" } };
  var lang = document.documentElement.lang === "en" ? "en" : "zh";
  function set(elId, value) { var el = document.getElementById(elId); if (el) el.textContent = value === null ? "—" : value; }
  function tick() {
    fetch("/api/scans/" + id + "/progress", { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (p) {
      set("pages-done", p.pages_done); set("pages-queued", p.pages_queued); set("pages-failed", p.pages_failed);
      set("pages-rate", p.pages_per_minute);
      if (p.state !== last) {
        last = p.state;
        var s = document.getElementById("state-text");
        s.textContent = names[lang][p.state] || p.state; s.className = "badge " + p.state;
      }
      if (p.scan_state === "finished" || p.state === "failed" || p.state === "cancelled") { window.location.reload(); return; }
      setTimeout(tick, 2000);
    }).catch(function () { setTimeout(tick, 5000); });
  }
  setTimeout(tick, 1000);
})();
