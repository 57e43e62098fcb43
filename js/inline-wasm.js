// The bytes of a .wasm inlined as base64 (the `inline` entries).

/** Decodes base64 text to bytes (`atob`: browsers, Node 16+, Deno, Bun). @param {string} text */
export function inlined(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
