/** English UI strings. Every key here must exist in ro.ts and hu.ts (checked by a test). */
export const en = {
  app: { title: 'Mănăștur Twin', subtitle: 'Energy digital twin of Mănăștur, Cluj-Napoca' },
  toolbar: {
    open: 'Open file…',
    colouring: 'Colour by',
    language: 'Language',
    planView: 'Plan view',
    view3d: '3D view',
    home: 'Home view',
  },
  colouring: { type: 'Building type', confidence: 'Data confidence (height)' },
  data: {
    loading: 'Loading district data…',
    importing: 'Importing {{name}}…',
    emptyTitle: 'No district data yet',
    emptyBody:
      'There is no dataset to show. Open an OpenStreetMap file (.osm, Overpass JSON or GeoJSON), drop it on this window, or run "npm run data" to fetch Mănăștur from OpenStreetMap.',
    errorTitle: 'The data could not be loaded',
    dropHere: 'Drop an OSM file to import it',
    buildings_one: '{{count}} building',
    buildings_other: '{{count}} buildings',
  },
  inspector: {
    title: 'Selected building',
    close: 'Close',
    id: 'OSM id',
    type: 'Type',
    name: 'Name',
    address: 'Address',
    height: 'Height',
    levels: 'Storeys',
    year: 'Built',
    heatedArea: 'Heated area',
    footprint: 'Footprint',
    none: '—',
  },
  provenance: {
    tagged: 'tagged in OSM',
    overlay: 'city data',
    levels: 'from storeys',
    footprint: 'from footprint',
    default: 'typology default',
  },
  legend: { title: 'Legend', noData: 'no value' },
  attribution: 'Map data © OpenStreetMap contributors, ODbL',
  error: {
    title: 'Something went wrong',
    body: 'The view could not be drawn. Reload to start again; your data file is unchanged.',
    reload: 'Reload',
    webgl: 'This browser cannot draw 3D graphics (WebGL 2 is unavailable).',
  },
  scene: {
    label:
      '3D view of the district. Drag to pan, right-drag to rotate, wheel to zoom; arrow keys pan, Shift+arrows rotate and tilt, + and − zoom, Home resets.',
  },
  sun: { title: 'Sun', shadows: 'Sun and shadows', date: 'Date', time: 'Time' },
  kiosk: {
    controls: 'Exhibit controls',
    qrTitle: 'Take this view with you',
    qrBody: 'Scan the code with your phone camera to open this view of Mănăștur on your phone.',
    qrAlt: 'QR code linking to this view',
    qr: 'On your phone',
    touchToStart: 'Touch the screen to explore',
  },
  table: { title: 'Buildings table', scroll: 'Scrollable table of buildings', toggle: 'Table' },
  units: { m: '{{value}} m', m2: '{{value}} m²' },
}

export type Messages = typeof en
