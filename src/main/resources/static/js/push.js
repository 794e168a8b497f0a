// "Tell me on this device": registers the service worker, asks the browser's permission, subscribes with the
// platform's key and hands the subscription to Polder. Says plainly what happened.
(function () {
  var button = document.querySelector('[data-push-subscribe]');
  if (!button) return;
  var status = document.querySelector('[data-push-status]');
  var say = function (key) { status.textContent = status.getAttribute('data-' + key); };
  if (!('serviceWorker' in navigator) || !('PushManager' in window)) { button.disabled = true; say('unsupported'); return; }
  var key = button.getAttribute('data-push-subscribe');
  var bytes = function (b64) {
    var s = atob((b64 + '===='.slice(b64.length % 4)).replace(/-/g, '+').replace(/_/g, '/'));
    var out = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  };
  var headers = JSON.parse(document.body.getAttribute('hx-headers') || '{}');
  headers['Content-Type'] = 'application/json';
  button.addEventListener('click', function () {
    Notification.requestPermission().then(function (permission) {
      if (permission !== 'granted') { say('denied'); return; }
      return navigator.serviceWorker.register('/sw.js').then(function (reg) {
        return navigator.serviceWorker.ready.then(function () {
          return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: bytes(key) });
        });
      }).then(function (subscription) {
        return fetch('/notifications/devices', { method: 'POST', headers: headers, credentials: 'same-origin',
          body: JSON.stringify(subscription.toJSON()) });
      }).then(function (response) { say(response && response.ok ? 'done' : 'failed'); });
    }).catch(function () { say('failed'); });
  });
})();
