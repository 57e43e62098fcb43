// casbin's config parser uses the Node global `Buffer`; in a browser bundle
// esbuild injects the `buffer` package (a casbin dependency) in its place.
export { Buffer } from 'buffer';
