// The floor: what the harness itself costs (a JS closure that decides
// nothing) and an empty call from JS into wasm (a hand-assembled module
// exporting `f(i32) -> i32`, the identity), through the same timing loop.

// (module (func (export "f") (param i32) (result i32) local.get 0))
const WASM = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f,
  0x03, 0x02, 0x01, 0x00,
  0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00,
  0x0a, 0x06, 0x01, 0x04, 0x00, 0x20, 0x00, 0x0b,
]);

export function createAdapter() {
  const { f } = new WebAssembly.Instance(new WebAssembly.Module(WASM)).exports;
  return {
    name: 'floor',
    floor: true,
    prepare: (org) => org,
    loaders: {},
    free() {},
    bind() {
      return {
        variants: {
          'JS closure, no decision': { a: (u, p) => u > p, b: (u, p, pin) => pin > u },
          'empty wasm call': { a: (u, p) => f(u) > p, b: (u, p, pin) => f(pin) > u },
        },
      };
    },
  };
}
