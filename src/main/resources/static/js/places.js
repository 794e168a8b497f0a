// Address boxes (fragments/address.html): suggestions while typing, from the organisation's saved
// places and the configured address service; choosing one fills in the coordinates. Keyboard: arrows
// move through the list, Enter chooses, Escape closes.
(function () {
  document.querySelectorAll('[data-address-field]').forEach(function (field) {
    var input = field.querySelector('[data-address-input]');
    var list = field.querySelector('.suggestions');
    var status = field.querySelector('[data-address-status]');
    var lat = field.querySelector('[data-address-lat]');
    var lon = field.querySelector('[data-address-lon]');
    var coordinates = field.querySelector('details.coordinates');
    var timer = null, places = [], active = -1, asked = 0;

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function choose(i) {
      var p = places[i];
      input.value = p.address;
      lat.value = p.latitude;
      lon.value = p.longitude;
      status.textContent = field.dataset.found.replace('{0}', p.address);
      close();
      input.dispatchEvent(new CustomEvent('polder:place', {bubbles: true, detail: p}));
    }

    function mark(i) {
      active = i;
      list.querySelectorAll('[role=option]').forEach(function (li, n) {
        li.setAttribute('aria-selected', n === i ? 'true' : 'false');
      });
      if (i >= 0) input.setAttribute('aria-activedescendant', input.id + '-option-' + i);
    }

    function show(answer) {
      places = answer.places;
      list.textContent = '';
      places.forEach(function (p, i) {
        var li = document.createElement('li');
        li.id = input.id + '-option-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.textContent = p.address;
        if (p.saved) {
          var badge = document.createElement('span');
          badge.className = 'badge';
          badge.textContent = field.dataset.saved;
          li.appendChild(document.createTextNode(' '));
          li.appendChild(badge);
        }
        li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      // An answer that arrives after the person moved on stays closed: it would cover the next field or button.
      var open = places.length > 0 && document.activeElement === input;
      list.hidden = !open;
      input.setAttribute('aria-expanded', open ? 'true' : 'false');
      if (answer.limited) {
        status.textContent = field.dataset.limited;
      } else if (!answer.reachable) {
        status.textContent = field.dataset.unreachable;
        coordinates.open = true;
      } else if (!places.length && input.value.trim().length >= 3) {
        status.textContent = field.dataset.none;
      } else {
        status.textContent = '';
      }
    }

    function ask() {
      var n = ++asked;
      fetch('/places/suggest?q=' + encodeURIComponent(input.value.trim()), {credentials: 'same-origin', headers: {Accept: 'application/json'}})
        .then(function (r) { return r.ok ? r.json() : {places: [], reachable: false}; })
        .then(function (answer) { if (n === asked) show(answer); })
        .catch(function () { if (n === asked) show({places: [], reachable: false}); });
    }

    input.addEventListener('input', function () {
      // A typed change makes the chosen coordinates stale: the server looks the new text up instead.
      lat.value = '';
      lon.value = '';
      clearTimeout(timer);
      timer = setTimeout(ask, 300);
    });
    input.addEventListener('focus', function () { if (!input.value) ask(); });
    input.addEventListener('blur', function () { setTimeout(close, 100); });
    input.addEventListener('keydown', function (e) {
      if (list.hidden) return;
      if (e.key === 'ArrowDown') { e.preventDefault(); mark(Math.min(places.length - 1, active + 1)); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); mark(Math.max(0, active - 1)); }
      else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); choose(active); }
      else if (e.key === 'Escape') { close(); }
    });
  });
})();
