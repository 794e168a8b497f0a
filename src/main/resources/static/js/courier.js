// The courier's phone: while on duty, sends its location every 10 seconds at most (never off duty:
// the page only starts this when the server says the courier is on duty). Also the signature pad.
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

  document.querySelectorAll('.signature-pad').forEach(function (pad) {
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
})();
