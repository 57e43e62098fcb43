// `require('rolegate/dom')` (jsdom tests under Jest, say): the .d.cts declarations.
import dom = require('rolegate/dom');
import rolegate = require('rolegate');

export function gateAll(root: ParentNode, user: rolegate.UserGate): dom.GateHandle {
  return dom.applyGates(root, user, { observe: true });
}
