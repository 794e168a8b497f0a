// Checking in at a home: the phone's position is asked once, when the worker presses "Check in", and sent with
// the form; the server keeps only whether it was at the address. Typed coordinates win; without a position the
// form goes as it is and the server says what is missing.
(function () {
  document.querySelectorAll('form[data-locate]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      var lat = form.querySelector('[data-lat]');
      var lon = form.querySelector('[data-lon]');
      if (!lat || !lon || lat.value || !navigator.geolocation || form.dataset.located) return;
      event.preventDefault();
      navigator.geolocation.getCurrentPosition(function (p) {
        lat.value = p.coords.latitude.toFixed(6);
        lon.value = p.coords.longitude.toFixed(6);
        form.dataset.located = '1';
        form.submit();
      }, function () {
        form.dataset.located = '1';
        form.submit();
      }, {enableHighAccuracy: true, timeout: 10000, maximumAge: 60000});
    });
  });
})();
