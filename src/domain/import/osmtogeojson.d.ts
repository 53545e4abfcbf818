// osmtogeojson 2.x ships no types; this declares the one call the importer makes.
declare module 'osmtogeojson' {
  import type { FeatureCollection } from 'geojson'

  interface OsmToGeoJsonOptions {
    flatProperties?: boolean
    verbose?: boolean
    uninterestingTags?: Record<string, boolean> | ((tags: object, ignore: object) => boolean)
    polygonFeatures?: object | ((tags: Record<string, string>) => boolean)
  }

  function osmtogeojson(data: unknown, options?: OsmToGeoJsonOptions): FeatureCollection
  export default osmtogeojson
}
