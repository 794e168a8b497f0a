// The courier's phone: while on duty, sends its location every 10 seconds at most (never off duty:
// the page only starts this when the server says the courier is on duty). Also the signature pad, and
// a vibration and a beep when an offer comes in.
(function () {
  var duty = document.querySelector('[data-testid=duty]');
  var status = document.getElementById('geo-status');
  if (duty && duty.dataset.onDuty === 'true' && navigator.geolocation) {
    var headers = JSON.parse(document.body.getAttribute('hx-headers') || '{}');
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    headers['X-Polder-Background'] = '1';
    var last = 0;
    navigator.geolocation.watchPosition(function (p) {
      if (Date.now() - last < 10000) return;
      last = Date.now();
      fetch('/courier/position', {
        method: 'POST', headers: headers, credentials: 'same-origin',
        body: 'latitude=' + p.coords.latitude + '&longitude=' + p.coords.longitude
      }).then(function (r) {
        if (status) status.textContent = r.ok ? status.dataset.sent : status.dataset.denied;
      });
    }, function () {
      if (status) status.textContent = status.dataset.denied;
    }, {enableHighAccuracy: true, maximumAge: 5000});
  }

  // A new offer on screen: the phone vibrates and beeps where the browser allows it.
  var seen = {};
  function announce() {
    var offer = document.querySelector('[data-testid=offer]');
    if (!offer || seen[offer.dataset.offer]) return;
    seen[offer.dataset.offer] = true;
    if (navigator.vibrate) navigator.vibrate([300, 150, 300]);
    try {
      var audio = new (window.AudioContext || window.webkitAudioContext)();
      var tone = audio.createOscillator();
      tone.frequency.value = 880;
      tone.connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.25);
    } catch (e) { /* no sound without the browser's leave */ }
  }
  announce();
  document.addEventListener('htmx:afterSettle', announce);

  // Signature pads, also those a step brings in without reloading the page.
  function pads() {
    document.querySelectorAll('.signature-pad:not([data-ready])').forEach(function (pad) {
      pad.dataset.ready = 'true';
      var form = pad.closest('form'), ctx = pad.getContext('2d'), drawing = false, drawn = false;
      ctx.lineWidth = 2;
      ctx.lineCap = 'round';
      function at(e) {
        var r = pad.getBoundingClientRect();
        return [(e.clientX - r.left) * pad.width / r.width, (e.clientY - r.top) * pad.height / r.height];
      }
      pad.addEventListener('pointerdown', function (e) { drawing = true; var p = at(e); ctx.beginPath(); ctx.moveTo(p[0], p[1]); });
      pad.addEventListener('pointermove', function (e) { if (!drawing) return; var p = at(e); ctx.lineTo(p[0], p[1]); ctx.stroke(); drawn = true; });
      ['pointerup', 'pointerleave'].forEach(function (t) { pad.addEventListener(t, function () { drawing = false; }); });
      form.querySelector('.signature-clear').addEventListener('click', function () { ctx.clearRect(0, 0, pad.width, pad.height); drawn = false; });
      form.addEventListener('submit', function () {
        if (drawn) form.querySelector('input[name=signature]').value = pad.toDataURL('image/png');
      });
    });
  }
  pads();
  document.addEventListener('htmx:afterSettle', pads);
})();
