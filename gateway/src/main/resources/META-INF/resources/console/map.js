// The e-map: Leaflet drawing every marker on one canvas (thousands of units stay smooth), in layers the user toggles.
import { wgs84ToGcj02 } from './geo.js';
import { t, label, esc, forceGlyph } from './i18n.js';

const UNIT_COLOURS = { AVAILABLE: '#2eb872', DISPATCHED: '#f0a020', EN_ROUTE: '#e8d84a', ON_SCENE: '#e5484d', UNAVAILABLE: '#8c9aab', OFF_DUTY: '#55606e' };
const PRIORITY_COLOURS = { 1: '#e5484d', 2: '#f0a020', 3: '#e8d84a', 4: '#7fb3ff' };
const CHECKPOINT_COLOURS = { NORMAL: '#3d8bfd', HEIGHTENED: '#f0a020', SEALED: '#e5484d', OUT_OF_SERVICE: '#55606e' };
const CHECKPOINT_GLYPHS = { SECURITY_CHECKPOINT: '卡', SERVICE_STATION: '服', INSPECTION_STATION: '查', MOBILE_CHECKPOINT: '临' };
const DETAIL_ZOOM = 12;
const LEVEL_COLOURS = { 1: '#e5484d', 2: '#f0a020', 3: '#e8d84a', 4: '#2eb872' };

// A canvas marker drawn as a circle, square, diamond or triangle with one character inside.
L.Canvas.include({
  _updateGlyph(layer) {
    if (!this._drawing || layer._empty()) {
      return;
    }
    const p = layer._point;
    const o = layer.options;
    const ctx = this._ctx;
    // Zoomed out over a city or the province: small plain shapes, no characters (thousands stay cheap to draw).
    if (this._map.getZoom() < DETAIL_ZOOM) {
      const r = Math.max(2, layer._radius * 0.45);
      ctx.globalAlpha = o.fillOpacity;
      ctx.fillStyle = o.fillColor;
      ctx.fillRect(p.x - r, p.y - r, 2 * r, 2 * r);
      ctx.globalAlpha = 1;
      return;
    }
    const r = layer._radius;
    ctx.beginPath();
    if (o.shape === 'square') {
      ctx.rect(p.x - r, p.y - r, 2 * r, 2 * r);
    } else if (o.shape === 'diamond') {
      ctx.moveTo(p.x, p.y - r * 1.3); ctx.lineTo(p.x + r * 1.3, p.y); ctx.lineTo(p.x, p.y + r * 1.3); ctx.lineTo(p.x - r * 1.3, p.y); ctx.closePath();
    } else if (o.shape === 'triangle') {
      ctx.moveTo(p.x, p.y - r * 1.4); ctx.lineTo(p.x + r * 1.25, p.y + r * 0.9); ctx.lineTo(p.x - r * 1.25, p.y + r * 0.9); ctx.closePath();
    } else {
      ctx.arc(p.x, p.y, r, 0, Math.PI * 2);
    }
    ctx.globalAlpha = o.fillOpacity;
    ctx.fillStyle = o.fillColor;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.lineWidth = o.weight;
    ctx.strokeStyle = o.color;
    ctx.setLineDash(o.dashed ? [3, 2] : []);
    ctx.stroke();
    ctx.setLineDash([]);
    if (o.glyph) {
      ctx.fillStyle = o.glyphColor || '#000';
      ctx.font = `bold ${Math.round(r * 1.15)}px sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(o.glyph, p.x, p.y + (o.shape === 'triangle' ? r * 0.15 : 0.5));
    }
  },
});

const Glyph = L.CircleMarker.extend({
  options: { shape: 'circle', glyph: '', fillOpacity: 1, weight: 1.5, color: '#0b0f14' },
  _updatePath() {
    this._renderer._updateGlyph(this);
  },
});

export class EMap {
  constructor(element, settings) {
    this.gcj = settings.tileCoordinates === 'GCJ02';
    this.renderer = L.canvas({ padding: 0.3 });
    this.map = L.map(element, { preferCanvas: true, renderer: this.renderer, zoomControl: true }).setView(settings.center, settings.zoom);
    // Areas below, then checkpoints and cameras, incidents, and units on top (a unit on scene covers its incident's
    // edge, not the other way round): one canvas per pane.
    this.renderers = {};
    [['points', 420], ['incidents', 430], ['units', 440]].forEach(([pane, z]) => {
      this.map.createPane(pane).style.zIndex = z;
      this.renderers[pane] = L.canvas({ padding: 0.3, pane });
    });
    if (settings.tiles) {
      L.tileLayer(settings.tiles, { attribution: settings.attribution, maxZoom: 19 }).addTo(this.map);
    }
    this.layers = {};
    ['zones', 'sites', 'hotspots', 'trails', 'cameras', 'checkpoints', 'incidents', 'units'].forEach((name) => {
      this.layers[name] = L.layerGroup().addTo(this.map);
    });
    this.control = L.control.layers(null, {}, { collapsed: true, position: 'topright' }).addTo(this.map);
    this.units = new Map();
    this.incidents = new Map();
    this.checkpoints = new Map();
    this.points = new Map();
    this.zones = new Map();
    this.trails = new Map();
    this.relabel();
  }

  /** A WGS-84 point of the API where it sits on these tiles. */
  at(point) {
    const lat = point.lat ?? 0;
    const lon = point.lon ?? 0;
    return this.gcj ? wgs84ToGcj02(lat, lon) : [lat, lon];
  }

  relabel() {
    Object.entries(this.layers).forEach(([name, layer]) => this.control.removeLayer(layer));
    Object.entries(this.layers).forEach(([name, layer]) => this.control.addOverlay(layer, t(`layer.${name}`)));
    this.units.forEach((marker) => {
      marker.setStyle({ glyph: forceGlyph(marker.unit.forceType) });
      marker.look = null;
    });
  }

  unitStyle(unit, stale) {
    const car = Boolean(unit.vehiclePlate);
    return {
      shape: car ? 'square' : 'circle', radius: car ? 8 : 6.5, glyph: forceGlyph(unit.forceType),
      fillColor: UNIT_COLOURS[unit.status] || '#8c9aab', fillOpacity: stale ? 0.35 : 1, dashed: stale, color: stale ? '#e4e9f0' : '#0b0f14',
    };
  }

  unitTooltip(unit, position) {
    const where = position ? `<br>${position.lat.toFixed(5)}, ${position.lon.toFixed(5)}` : '';
    return `<b>${esc(unit.callSign)}</b> · ${label(unit.forceType)} · ${t(unit.vehiclePlate ? 'car' : 'foot')}<br>${label(unit.status)}`
      + `${unit.stale ? ` · ${t('stale')}` : ''}${where}`;
  }

  /** Draws a unit where its latest fix puts it (or leaves it off the map until it has one). */
  setUnit(unit, position) {
    let marker = this.units.get(unit.id);
    if (!marker && !position) {
      return;
    }
    if (!marker) {
      marker = new Glyph(this.at(position), { renderer: this.renderers.units, ...this.unitStyle(unit, unit.stale) }).addTo(this.layers.units);
      // Tooltips are written when shown, not on every fix (thousands of fixes a second at the province's scale).
      marker.bindTooltip((layer) => this.unitTooltip(layer.unit, layer.position));
      this.units.set(unit.id, marker);
    } else if (position) {
      marker.setLatLng(this.at(position));
    }
    const look = `${unit.status}|${unit.stale}|${unit.forceType}|${Boolean(unit.vehiclePlate)}`;
    if (marker.look !== look) {
      marker.setStyle(this.unitStyle(unit, unit.stale));
      marker.look = look;
    }
    marker.unit = unit;
    marker.position = position || marker.position;
    if (marker.isTooltipOpen()) {
      marker.setTooltipContent(this.unitTooltip(unit, marker.position));
    }
  }

  /** Where the unit is drawn, as WGS-84 (what the API said). */
  unitPosition(id) {
    return this.units.get(id)?.position ?? null;
  }

  /** The marker of {@code id} in a layer, made where {@code location} is or restyled; either way with this tooltip. */
  glyph(markers, layer, id, location, style, text) {
    let marker = markers.get(id);
    if (!marker) {
      const renderer = layer === 'incidents' ? this.renderers.incidents : this.renderers.points;
      marker = new Glyph(this.at(location), { renderer, ...style }).addTo(this.layers[layer]);
      marker.bindTooltip((layer) => layer.text);
      markers.set(id, marker);
    } else {
      marker.setStyle(style);
    }
    marker.text = text;
    if (marker.isTooltipOpen()) {
      marker.setTooltipContent(text);
    }
    return marker;
  }

  setIncident(incident, onSelect) {
    const style = { shape: 'triangle', radius: 9, glyph: '!', glyphColor: '#000', fillColor: PRIORITY_COLOURS[incident.priority] || '#e5484d', weight: 2 };
    const text = `<b>${esc(incident.number)}</b> ${label(incident.type)} · ${label(incident.status)}<br>${esc(incident.address)}`;
    const marker = this.glyph(this.incidents, 'incidents', incident.id, incident.location, style, text);
    if (!marker.selectable) {
      marker.on('click', () => onSelect(incident.id));
      marker.selectable = true;
    }
  }

  removeIncident(id) {
    this.incidents.get(id)?.remove();
    this.incidents.delete(id);
    this.trails.get(id)?.remove();
    this.trails.delete(id);
  }

  setCheckpoint(checkpoint) {
    const sealed = checkpoint.state === 'SEALED';
    const style = {
      shape: 'diamond', radius: sealed ? 9 : 6.5, glyph: CHECKPOINT_GLYPHS[checkpoint.type] || '', glyphColor: '#fff',
      fillColor: CHECKPOINT_COLOURS[checkpoint.state] || '#3d8bfd', weight: sealed ? 3 : 1.5, color: sealed ? '#fff' : '#0b0f14',
    };
    const text = `<b>${esc(checkpoint.name)}</b> (${esc(checkpoint.code)})<br>${label(checkpoint.type)} · ${label(checkpoint.state)}`;
    const marker = this.glyph(this.checkpoints, 'checkpoints', checkpoint.id, checkpoint.location, style, text);
    marker.checkpoint = checkpoint;
  }

  setVideoPoint(point, online, total) {
    const style = { shape: 'circle', radius: 4, fillColor: online === total ? '#2eb872' : online === 0 ? '#e5484d' : '#f0a020', weight: 1 };
    this.glyph(this.points, 'cameras', point.id, point.location, style, `<b>${esc(point.name)}</b><br>${online}/${total} ${t('cameras')} ${t('online')}`);
  }

  /** Patrol zones shaded by level, outlined red where fewer units patrol them than the level requires. */
  setZone(zone, coverage) {
    this.zones.get(zone.id)?.remove();
    const short = coverage && coverage.shortfall > 0;
    const polygon = L.polygon(zone.polygon.map((p) => this.at(p)), {
      renderer: this.renderer, color: short ? '#e5484d' : '#5c6f88', weight: short ? 2.5 : 1, dashArray: short ? '6 4' : null,
      fillColor: LEVEL_COLOURS[zone.patrolLevel] || '#5c6f88', fillOpacity: 0.12,
    }).addTo(this.layers.zones);
    const cover = coverage ? `<br>${coverage.visibleUnits} ${t('visible')} / ${coverage.requiredUnits} ${t('required')}`
      + `${short ? ` · <b>${t('shortfall')} ${coverage.shortfall}</b>` : ''}` : '';
    polygon.bindTooltip(`<b>${esc(zone.name)}</b> · ${t('level')} ${zone.patrolLevel}${cover}`, { sticky: true });
    this.zones.set(zone.id, polygon);
    return polygon;
  }

  setSites(sites, callSignOf) {
    this.layers.sites.clearLayers();
    sites.forEach((site) => {
      const posted = esc((site.postedUnitIds || []).map(callSignOf).join(', '));
      L.circle(this.at(site.center), { renderer: this.renderer, radius: site.radiusM, color: '#b26bff', weight: 2, dashArray: '4 4', fillOpacity: 0.05 })
        .bindTooltip(`<b>${esc(site.name)}</b> · ${t('site')}${posted ? `<br>${t('posted')}: ${posted}` : ''}`)
        .addTo(this.layers.sites);
    });
  }

  setTrail(incidentId, sightings) {
    this.trails.get(incidentId)?.remove();
    if (!sightings.length) {
      return;
    }
    const group = L.layerGroup([
      L.polyline(sightings.map((s) => this.at(s.location)), { renderer: this.renderer, color: '#ff5fa2', weight: 3, dashArray: '8 6' }),
      ...sightings.map((s) => L.circleMarker(this.at(s.location), { renderer: this.renderer, radius: 4, color: '#ff5fa2', fillOpacity: 1 })
        .bindTooltip(`${esc(s.plate)} · ${esc(s.where)}<br>${new Date(s.seenAt).toLocaleTimeString()}`)),
    ]).addTo(this.layers.trails);
    this.trails.set(incidentId, group);
  }

  setHotspots(cells) {
    this.layers.hotspots.clearLayers();
    cells.forEach((cell) => {
      const corner = cell.corner;
      const far = { lat: corner.lat + cell.sizeDeg, lon: corner.lon + cell.sizeDeg };
      L.rectangle([this.at(corner), this.at(far)], { renderer: this.renderer, color: '#ff7a1a', weight: 1.5, fillOpacity: 0.25 })
        .bindTooltip(`${cell.incidents} ${t('incidents')}`).addTo(this.layers.hotspots);
    });
  }

  fitZones() {
    const bounds = L.featureGroup([...this.zones.values()]).getBounds();
    if (bounds.isValid()) {
      this.map.fitBounds(bounds, { padding: [20, 20] });
    }
  }

  focus(point) {
    this.map.setView(this.at(point), Math.max(this.map.getZoom(), 14));
  }
}

/** The legend under the map: what the colours and shapes mean. */
export function legend(element) {
  const swatch = (colour, text, shape = '50%') => `<div><i style="background:${colour};border-radius:${shape}"></i>${text}</div>`;
  element.innerHTML = Object.entries(UNIT_COLOURS).map(([status, colour]) => swatch(colour, label(status))).join('')
    + swatch('#8c9aab', t('car'), '0') + swatch('#8c9aab', t('foot'))
    + swatch(CHECKPOINT_COLOURS.SEALED, `${t('checkpoints')}: ${label('SEALED')}`, '0');
}
