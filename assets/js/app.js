// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Show the passport fields only when a visa letter is asked for. Without
  // this script they are simply visible (and only required when ticked).
  document.querySelectorAll("[data-toggle-target]").forEach(function (box) {
    var target = document.getElementById(box.getAttribute("data-toggle-target"));
    if (!target) return;
    var sync = function () { target.hidden = !box.checked; };
    box.addEventListener("change", sync);
    sync();
  });
})();
