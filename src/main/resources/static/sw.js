// Polder's service worker: shows a pushed notice while no page is open, and opens its page when tapped.
self.addEventListener('push', function (event) {
  var n = {};
  try { n = event.data ? event.data.json() : {}; } catch (e) { n = { body: event.data ? event.data.text() : '' }; }
  var options = { body: n.body || '', tag: n.tag, data: { link: n.link || '/notifications' }, icon: '/icons/polder.svg' };
  if (n.urgent) {
    options.requireInteraction = true;
    options.vibrate = [300, 100, 300, 100, 300];
  }
  event.waitUntil(self.registration.showNotification(n.title || 'Polder', options));
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var link = event.notification.data && event.notification.data.link || '/notifications';
  event.waitUntil(self.clients.matchAll({ type: 'window' }).then(function (open) {
    for (var i = 0; i < open.length; i++) {
      if ('focus' in open[i]) { open[i].navigate(link); return open[i].focus(); }
    }
    return self.clients.openWindow(link);
  }));
});
