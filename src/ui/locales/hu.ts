import type { Messages } from './en'

/** Hungarian UI strings. */
export const hu: Messages = {
  app: { title: 'Mănăștur Twin', subtitle: 'Monostor energetikai digitális ikre, Kolozsvár' },
  toolbar: {
    open: 'Fájl megnyitása…',
    colouring: 'Színezés',
    language: 'Nyelv',
    planView: 'Alaprajz',
    view3d: '3D nézet',
    home: 'Kezdőnézet',
  },
  colouring: { type: 'Épülettípus', confidence: 'Adatmegbízhatóság (magasság)' },
  data: {
    loading: 'A negyed adatai betöltődnek…',
    importing: '{{name}} importálása…',
    emptyTitle: 'Még nincsenek adatok a negyedről',
    emptyBody:
      'Nincs megjeleníthető adatkészlet. Nyisson meg egy OpenStreetMap-fájlt (.osm, Overpass JSON vagy GeoJSON), húzza erre az ablakra, vagy futtassa az „npm run data” parancsot Monostor letöltéséhez az OpenStreetMapről.',
    errorTitle: 'Az adatokat nem sikerült betölteni',
    dropHere: 'Ejtsen ide egy OSM-fájlt az importáláshoz',
    buildings_one: '{{count}} épület',
    buildings_other: '{{count}} épület',
  },
  inspector: {
    title: 'Kiválasztott épület',
    close: 'Bezárás',
    id: 'OSM-azonosító',
    type: 'Típus',
    name: 'Név',
    address: 'Cím',
    height: 'Magasság',
    levels: 'Szintek',
    year: 'Épült',
    heatedArea: 'Fűtött alapterület',
    footprint: 'Alapterület',
    none: '—',
  },
  provenance: {
    tagged: 'OSM-címke',
    overlay: 'városi adat',
    levels: 'szintszámból',
    footprint: 'alaprajzból',
    default: 'tipikus érték',
  },
  legend: { title: 'Jelmagyarázat', noData: 'nincs érték' },
  attribution: 'Térképadatok © OpenStreetMap-közreműködők, ODbL',
  error: {
    title: 'Hiba történt',
    body: 'A nézetet nem sikerült megrajzolni. Töltse be újra; az adatfájl változatlan.',
    reload: 'Újratöltés',
    webgl: 'Ez a böngésző nem tud 3D-s grafikát rajzolni (a WebGL 2 nem érhető el).',
  },
  scene: {
    label:
      'A negyed 3D nézete. Húzással mozgat, jobb gombos húzással forgat, görgővel nagyít; a nyilak mozgatnak, Shift+nyilak forgatnak és döntenek, + és − nagyít, Home visszaállít.',
  },
  sun: { title: 'Nap', shadows: 'Nap és árnyékok', date: 'Dátum', time: 'Idő' },
  kiosk: {
    controls: 'A kiállítás vezérlői',
    qrTitle: 'Vigye magával ezt a nézetet',
    qrBody:
      'Olvassa be a kódot a telefonja kamerájával, hogy Monostornak ezt a nézetét a telefonján nyissa meg.',
    qrAlt: 'QR-kód erre a nézetre',
    qr: 'Telefonon',
    touchToStart: 'Érintse meg a képernyőt a felfedezéshez',
  },
  table: { title: 'Épülettáblázat', scroll: 'Görgethető épülettáblázat', toggle: 'Táblázat' },
  units: { m: '{{value}} m', m2: '{{value}} m²' },
}
