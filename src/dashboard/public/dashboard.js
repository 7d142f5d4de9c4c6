/* The dashboard's own script: draws the overview's chart (uPlot) and map (Leaflet) from the JSON
 * blocks the page carries. Everything it shows is also in the page's tables, for readers without it. */
(function () {
  'use strict';
  function data(id) {
    var block = document.getElementById(id);
    return block ? JSON.parse(block.textContent) : null;
  }
  var COLOURS = ['#1b6ac9', '#c0392b', '#1e8449', '#8e44ad', '#d35400', '#117a65', '#7f8c8d', '#b7950b'];

  function drawChart() {
    var chart = data('chart-data');
    var holder = document.getElementById('chart');
    if (!chart || !holder || typeof uPlot === 'undefined') return;
    var xs = chart.days.map(function (d) { return Date.parse(d + 'T00:00:00Z') / 1000; });
    var series = [{}].concat(chart.series.map(function (s, i) {
      return { label: s.label, stroke: COLOURS[i % COLOURS.length], width: 2, points: { show: true } };
    }));
    var width = Math.max(280, holder.clientWidth || 600);
    new uPlot({ width: width, height: 240, series: series, axes: [{ incrs: [86400, 2 * 86400, 7 * 86400], values: function (u, ticks) { return ticks.map(function (t) { return new Date(t * 1000).toISOString().slice(5, 10); }); } }, { incrs: [1, 2, 5, 10, 20, 50, 100] }], scales: { x: { time: true } } },
      [xs].concat(chart.series.map(function (s) { return s.counts; })), holder);
  }

  function drawMap() {
    var map = data('map-data');
    var holder = document.getElementById('map');
    if (!map || !holder || typeof L === 'undefined' || map.points.length === 0) return;
    var leaflet = L.map(holder, { attributionControl: !!map.tiles, zoomSnap: 0.5 });
    if (map.tiles) L.tileLayer(map.tiles, { maxZoom: 12 }).addTo(leaflet);
    else holder.classList.add('plain');
    var max = Math.max.apply(null, map.points.map(function (p) { return p.count; }));
    var bounds = [];
    map.points.forEach(function (p) {
      var radius = 6 + 18 * Math.sqrt(p.count / max);
      L.circleMarker([p.lat, p.lon], { radius: radius, color: '#8b1a1a', weight: 1, fillColor: '#c0392b', fillOpacity: 0.55 })
        .bindTooltip(p.name + ': ' + p.count, { permanent: !map.tiles || map.points.length <= 12, direction: 'right' })
        .addTo(leaflet);
      bounds.push([p.lat, p.lon]);
    });
    if (bounds.length === 1) leaflet.setView(bounds[0], 8);
    else leaflet.fitBounds(bounds, { padding: [30, 30], maxZoom: 9 });
  }

  function start() {
    drawChart();
    drawMap();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
