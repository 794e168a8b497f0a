// Street maps for errands (fragments/map.html): Leaflet with the configured tiles, the pickup (A), the
// drop-off (B), the route line, labelled pricing zones and the courier; or the numbered areas where work is
// (errand/demand.html). The drawn SVG map stays in view
// until a tile has loaded, and comes back if none can: a map always shows. After each refresh of the page
// (htmx), the kept street map moves its markers to the new data.
(function () {
  function draw(figure) {
    var box = figure.querySelector('.street-map');
    var tiles = figure.dataset.tiles;
    if (!box || !tiles || !window.L) return;
    var data = JSON.parse(figure.dataset.map);
    var map = box._polder;
    if (!map) {
      box.hidden = false;
      map = L.map(box, {scrollWheelZoom: false, attributionControl: true});
      map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
      map._layers_ = L.layerGroup().addTo(map);
      // The figure around the box is new after each refresh: the box remembers whether tiles came.
      L.tileLayer(tiles, {maxZoom: 19, attribution: figure.dataset.attribution})
        .on('tileload', function () {
          if (box._loaded) return;
          box._loaded = true;
          box.closest('[data-map-figure]').classList.add('has-street-map');
          map.invalidateSize();
        })
        .addTo(map);
      box._polder = map;
      var points = data.areas ? [].concat.apply([], data.areas.map(function (a) { return a.polygon; }))
        : [data.pickup, data.dropoff].concat(data.courier ? [data.courier] : []);
      map.fitBounds(L.latLngBounds(points), {padding: [30, 30], maxZoom: 16});
    } else {
      box.hidden = false;
      if (box._loaded) figure.classList.add('has-street-map');
      map.invalidateSize();
    }
    var layers = map._layers_;
    layers.clearLayers();
    if (data.areas) {
      // Where work is (the courier's demand page): numbered areas, darker where there is more.
      data.areas.forEach(function (a) {
        L.polygon(a.polygon, {color: '#1f6f5c', weight: 1, fillColor: '#1f6f5c', fillOpacity: a.shade})
          .bindTooltip(a.name, {permanent: true, direction: 'center', className: 'zone-label'}).addTo(layers);
      });
      return;
    }
    (data.zones || []).forEach(function (z) {
      L.polygon(z.polygon, {color: '#7a8a99', weight: 1, fillOpacity: 0.08})
        .bindTooltip(z.name, {permanent: true, direction: 'center', className: 'zone-label'}).addTo(layers);
    });
    L.polyline([data.pickup, data.dropoff], {color: '#1f6f5c', weight: 4, dashArray: '6 6'}).addTo(layers);
    marker(data.pickup, '#1f6f5c', 'A', figure.dataset.labelPickup).addTo(layers);
    marker(data.dropoff, '#b3261e', 'B', figure.dataset.labelDropoff).addTo(layers);
    if (data.courier) marker(data.courier, '#0b57d0', '', figure.dataset.labelCourier).addTo(layers);
  }

  function marker(at, colour, letter, label) {
    return L.circleMarker(at, {radius: 9, color: '#fff', weight: 2, fillColor: colour, fillOpacity: 1})
      .bindTooltip(letter ? letter + ': ' + label : label, {permanent: !!letter, direction: 'right', offset: [10, 0]});
  }

  function all() {
    document.querySelectorAll('[data-map-figure]').forEach(draw);
  }

  document.addEventListener('DOMContentLoaded', all);
  document.addEventListener('htmx:afterSettle', all);
})();
