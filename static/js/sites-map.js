// The sites for investors on a map above their list. The list stands alone:
// without script, Leaflet or the tiles, the map simply stays hidden.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("sites-map");
  if (!box || !window.L) {
    return;
  }
  const sites = JSON.parse(box.dataset.sites);
  if (sites.length === 0) {
    return;
  }
  box.hidden = false;
  L.Icon.Default.imagePath = box.dataset.images;
  const map = L.map(box, { scrollWheelZoom: false });
  L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 18,
    attribution: box.dataset.attribution,
  }).addTo(map);
  const bounds = [];
  for (const site of sites) {
    const link = document.createElement("a");
    link.href = site.url;
    link.textContent = site.name;
    L.marker([site.lat, site.lon], { title: site.name, alt: site.name })
      .addTo(map)
      .bindPopup(link);
    bounds.push([site.lat, site.lon]);
  }
  map.fitBounds(bounds, { padding: [32, 32], maxZoom: 9 });
});
