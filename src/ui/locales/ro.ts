import type { Messages } from './en'

/** Romanian UI strings (default language of the exhibit). */
export const ro: Messages = {
  app: {
    title: 'Mănăștur Twin',
    subtitle: 'Geamănul digital energetic al Mănășturului, Cluj-Napoca',
  },
  toolbar: {
    open: 'Deschide fișier…',
    colouring: 'Colorează după',
    language: 'Limba',
    planView: 'Vedere în plan',
    view3d: 'Vedere 3D',
    home: 'Vederea inițială',
  },
  colouring: { type: 'Tipul clădirii', confidence: 'Încrederea datelor (înălțime)' },
  data: {
    loading: 'Se încarcă datele cartierului…',
    importing: 'Se importă {{name}}…',
    emptyTitle: 'Încă nu există date despre cartier',
    emptyBody:
      'Nu există un set de date de afișat. Deschideți un fișier OpenStreetMap (.osm, Overpass JSON sau GeoJSON), trageți-l peste această fereastră sau rulați „npm run data” pentru a descărca Mănășturul din OpenStreetMap.',
    errorTitle: 'Datele nu au putut fi încărcate',
    dropHere: 'Lăsați aici un fișier OSM pentru import',
    buildings_one: '{{count}} clădire',
    buildings_few: '{{count}} clădiri',
    buildings_other: '{{count}} de clădiri',
  } as Messages['data'],
  inspector: {
    title: 'Clădirea selectată',
    close: 'Închide',
    id: 'Id OSM',
    type: 'Tip',
    name: 'Nume',
    address: 'Adresă',
    height: 'Înălțime',
    levels: 'Niveluri',
    year: 'Construită',
    heatedArea: 'Suprafață încălzită',
    footprint: 'Amprentă la sol',
    none: '—',
  },
  provenance: {
    tagged: 'etichetat în OSM',
    overlay: 'date de la primărie',
    levels: 'din numărul de niveluri',
    footprint: 'din amprenta la sol',
    default: 'valoare tipică',
  },
  legend: { title: 'Legendă', noData: 'fără valoare' },
  attribution: 'Date hartă © contributorii OpenStreetMap, ODbL',
  error: {
    title: 'Ceva nu a mers bine',
    body: 'Vederea nu a putut fi desenată. Reîncărcați pentru a reporni; fișierul de date este neschimbat.',
    reload: 'Reîncarcă',
    webgl: 'Acest browser nu poate desena grafică 3D (WebGL 2 nu este disponibil).',
  },
  scene: {
    label:
      'Vedere 3D a cartierului. Trageți pentru deplasare, clic dreapta și trageți pentru rotire, rotița pentru zoom; săgețile deplasează, Shift+săgeți rotesc și înclină, + și − măresc, Home revine.',
  },
  sun: { title: 'Soare', shadows: 'Soare și umbre', date: 'Data', time: 'Ora' },
  kiosk: {
    controls: 'Comenzile expoziției',
    qrTitle: 'Luați vederea cu dumneavoastră',
    qrBody:
      'Scanați codul cu camera telefonului pentru a deschide această vedere a Mănășturului pe telefon.',
    qrAlt: 'Cod QR către această vedere',
    qr: 'Pe telefon',
    touchToStart: 'Atingeți ecranul pentru a explora',
  },
  table: { title: 'Tabelul clădirilor', scroll: 'Tabel derulant al clădirilor', toggle: 'Tabel' },
  units: { m: '{{value}} m', m2: '{{value}} m²' },
}
