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

// Check-in desk: scan badges with the device's camera where the browser can
// decode QR codes itself (BarcodeDetector). The typed/scanner input works
// everywhere without this.
(function () {
  "use strict";
  var button = document.querySelector("[data-camera-scan]");
  if (!button || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  var input = document.getElementById(button.getAttribute("data-camera-scan"));
  var video = document.querySelector(".camera-preview");
  button.hidden = false;
  button.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      var look = function () {
        detector.detect(video).then(function (codes) {
          if (codes.length > 0) {
            stream.getTracks().forEach(function (t) { t.stop(); });
            input.value = codes[0].rawValue;
            input.form.submit();
            return;
          }
          requestAnimationFrame(look);
        }).catch(function () { requestAnimationFrame(look); });
      };
      look();
    }).catch(function () {
      button.hidden = true;
    });
  });
})();

// Check-in desk: the count beside the session chooser follows the choice
// (every scan sends the chosen session with it, script or not).
(function () {
  "use strict";
  var select = document.querySelector("[data-checkin-session]");
  var count = document.getElementById("checkin-count");
  if (!select || !count) return;
  select.addEventListener("change", function () {
    var chosen = select.options[select.selectedIndex];
    count.textContent = chosen.getAttribute("data-arrived") + " arrived so far.";
  });
})();
